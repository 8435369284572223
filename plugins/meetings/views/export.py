"""XLSX statistics export, limited to the organisations the user may see."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse

from .. import scope
from ..compliance import compliance_for, tracked
from ..evaluations import summaries
from ..models import MeetingRecord
from ..xlsx import build_workbook
from .common import deny, year_from

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def export_xlsx(request):
    year = year_from(request)
    organisations = tracked(scope.visible_organisations(request.user)).order_by("path")
    org_id = request.GET.get("org")
    if org_id:
        if not org_id.isdigit():
            return deny(request, "党组织参数不正确。")
        organisations = organisations.filter(path__startswith=_path_of(organisations, org_id))
    organisations = list(organisations)
    if not organisations:
        return deny(request, "您没有可导出的党组织会议记录。")
    ids = [o.pk for o in organisations]
    records = (MeetingRecord.objects.in_year(year).filter(organisation_id__in=ids)
               .select_related("organisation")
               .annotate(n_attendees=Count("attendees", distinct=True),
                         n_absences=Count("absences", distinct=True))
               .order_by("organisation__path", "start"))
    data = build_workbook(year, compliance_for(organisations, year), records,
                          summaries(ids, year))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="meetings-{year}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


def _path_of(organisations, org_id):
    from pages.models import BranchPage

    org = BranchPage.objects.filter(pk=int(org_id)).only("path").first()
    return org.path if org else "-"
