"""Small helpers shared by the plugin's views."""

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


# Every view of this plugin but the public index asks for a login (login_required) before
# it looks up any id, so a redirect never tells an existing record from a missing one.
def deny(request, message="该内容仅对本组织党员及上级党组织开放。"):
    """A logged-in user outside the scope: 403 with the reason."""
    return render(request, "meetings/denied.html", {"message": message}, status=403)


# An object outside the user's scope does not exist for her: Http404(NOT_FOUND), as for a
# wrong id, so ids reveal nothing.
NOT_FOUND = "会议记录不存在或不在您的查看范围内。"


def get_organisation(org_id):
    from pages.models import BranchPage

    return get_object_or_404(BranchPage, pk=org_id)
