from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("org/<int:pk>.ics", views.organisation_feed, name="organisation"),
    path("m/<str:token>.ics", views.member_feed, name="member"),
    path("reset/", views.reset, name="reset"),
]
