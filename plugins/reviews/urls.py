from django.urls import path

from .views import public

app_name = "reviews"

urlpatterns = [
    path("", public.index, name="index"),
    path("captcha/<str:key>/", public.captcha_image, name="captcha_image"),
    path("<slug:slug>/", public.campaign_form, name="form"),
    path("<slug:slug>/thanks/", public.thanks, name="thanks"),
    path("<slug:slug>/results/", public.results, name="results"),
]
