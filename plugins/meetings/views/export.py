"""XLSX statistics export, limited to the organisations the user may see."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse

from .. import scope
from ..compliance import compliance_for, org_refs, tracked
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
    organisations = org_refs(organisations)
    if not organisations:
        return deny(request, "您没有可导出的党组织会议记录。")
    ids = [o.pk for o in organisations]
    records = list(MeetingRecord.objects.filter(held_year=year, organisation_id__in=ids)
                   .select_related("organisation").order_by("organisation__path", "start"))
    _attach_counts(records)
    data = build_workbook(year, compliance_for(organisations, year), records,
                          summaries(ids, year))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="meetings-{year}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


def _attach_counts(records):
    """Attendee and absentee numbers per record, in two grouped queries."""
    from ..models import MeetingAbsence

    ids = [r.pk for r in records]
    through = MeetingRecord.attendees.through
    attendees = dict(through.objects.filter(meetingrecord_id__in=ids)
                     .values_list("meetingrecord_id").annotate(n=Count("id")).order_by())
    absences = dict(MeetingAbsence.objects.filter(record_id__in=ids)
                    .values_list("record_id").annotate(n=Count("id")).order_by())
    for record in records:
        record.n_attendees = attendees.get(record.pk, 0)
        record.n_absences = absences.get(record.pk, 0)


def _path_of(organisations, org_id):
    from pages.models import BranchPage

    org = BranchPage.objects.filter(pk=int(org_id)).only("path").first()
    return org.path if org else "-"
