"""Small helpers shared by the plugin's views."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

FIRST_YEAR = 2000


def year_from(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year + 1 else this_year


def year_choices(selected):
    this_year = timezone.localdate().year
    years = list(range(this_year, this_year - 5, -1))
    if selected not in years:
        years.append(selected)
    return years


def deny(request, message="该内容仅对本组织党员及上级党组织开放。"):
    """Anonymous visitors are sent to log in; logged-in users outside the scope get a 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "meetings/denied.html", {"message": message}, status=403)


NOT_FOUND = "会议记录不存在或不在您的查看范围内。"


def hidden(request):
    """An object outside the user's scope: for anyone logged in it does not exist (404,
    as for a wrong id, so ids reveal nothing); anonymous visitors are sent to log in --
    whatever the id, see login_first()."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404(NOT_FOUND)


def login_first(request):
    """Anonymous visitors go to the login page before any id is looked up, so a
    redirect never tells an existing record from a missing one."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def get_organisation(org_id):
    from pages.models import BranchPage

    return get_object_or_404(BranchPage, pk=org_id)
