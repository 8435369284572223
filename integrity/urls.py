from django.urls import path

from . import views

app_name = "integrity"

urlpatterns = [
    path("", views.publication_page, name="page"),
    path("latest.json", views.publication_json, name="latest_json"),
    path("feed.xml", views.PublicationFeed(), name="feed"),
    path("<int:pk>/", views.publication_page, name="publication"),
    path("<int:pk>.json", views.publication_json, name="publication_json"),
]
