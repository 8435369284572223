from django.urls import path

from . import views

app_name = "acknowledgements"

urlpatterns = [
    path("", views.my_list, name="my_list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/status/", views.status_view, name="status"),
    path("<int:pk>/status.xlsx", views.export, name="export"),
]
