from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .forms import MemberLoginForm


class MemberLoginView(auth_views.LoginView):
    template_name = "members/login.html"
    authentication_form = MemberLoginForm
    redirect_authenticated_user = True


class MemberLogoutView(auth_views.LogoutView):
    pass


@login_required
def member_home(request):
    organisations = [g.organisation for g in request.user.groups.select_related("organisation")
                     if hasattr(g, "organisation")]
    return render(request, "members/home.html", {"organisations": organisations,
                                                 "calendar_url": _calendar_url(request)})


def _calendar_url(request):
    """The member's secret calendar address, when a plugin provides calendar events."""
    from django.urls import reverse

    from calendars.models import CalendarToken
    from portal.plugins import registry

    if not registry.provides_calendar():
        return ""
    token = CalendarToken.for_user(request.user)
    return request.build_absolute_uri(reverse("calendars:member", args=[token.token]))
