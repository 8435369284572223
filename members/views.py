from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from portal.plugins import registry
from portal.todo import todo_items

from .forms import MemberLoginForm


class MemberLoginView(auth_views.LoginView):
    template_name = "members/login.html"
    authentication_form = MemberLoginForm
    redirect_authenticated_user = True


@login_required
def member_home(request):
    organisations = [g.organisation for g in request.user.groups.select_related("organisation")
                     if hasattr(g, "organisation")]
    return render(request, "members/home.html", {
        "organisations": organisations,
        # Each enabled plugin adds its panels (my 承诺书, my organisation's meetings, ...);
        # the core names none of them.
        "panels": registry.member_panels(request),
        # The admin dashboard's 待办 lines (pages to 审核/审批, 承诺书 to 审定, ...).
        "todo": todo_items(request),
        "calendar_url": _calendar_url(request),
    })


def _calendar_url(request):
    """The member's secret calendar address, when a plugin provides calendar events."""
    from django.urls import reverse

    from calendars.models import CalendarToken

    if not registry.provides_calendar():
        return ""
    token = CalendarToken.for_user(request.user)
    return request.build_absolute_uri(reverse("calendars:member", args=[token.token]))
