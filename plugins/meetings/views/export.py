"""XLSX statistics export, limited to the organisations the user may see."""

from collections import namedtuple

from django.contrib.auth.decorators import login_required
from django.db.models import Count

from portal.spreadsheets import attachment

from .. import scope
from ..compliance import compliance_for, org_refs, tracked
from ..evaluations import summaries
from ..models import MeetingAbsence, MeetingRecord
from ..xlsx import build_workbook
from .common import deny, year_from

RECORD_FIELDS = ("pk", "organisation_id", "meeting_type", "start", "end", "topic", "place",
                 "host", "recorder", "attendees_other", "voided")
# The record's fields (its organisation by title), its attendee and absentee numbers, its pk.
RecordRow = namedtuple("RecordRow", ["organisation", *RECORD_FIELDS[2:], "attendees", "absences",
                                     "pk"], defaults=[0])


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
    data = build_workbook(year, compliance_for(organisations, year),
                          record_rows(organisations, year), summaries(ids, year))
    response = attachment(data, f"meetings-{year}.xlsx")
    response["Cache-Control"] = "private, no-store"
    return response


def record_rows(organisations, year):
    """RecordRow for every record of `year` of these organisations (in their order, then by
    start), with attendee and absentee numbers from two grouped queries."""
    titles = {o.pk: o.title for o in organisations}
    ids = list(titles)
    records = (MeetingRecord.objects.filter(held_year=year, organisation_id__in=ids)
               .order_by("start", "pk").values_list(*RECORD_FIELDS))
    through = MeetingRecord.attendees.through
    attendees = dict(through.objects.filter(meetingrecord__held_year=year,
                                            meetingrecord__organisation_id__in=ids)
                     .values_list("meetingrecord_id").annotate(n=Count("id")).order_by())
    absences = dict(MeetingAbsence.objects.filter(record__held_year=year,
                                                  record__organisation_id__in=ids)
                    .values_list("record_id").annotate(n=Count("id")).order_by())
    by_org = {pk: [] for pk in titles}
    for pk, org_id, *fields in records:
        by_org[org_id].append(RecordRow(titles[org_id], *fields, attendees.get(pk, 0),
                                        absences.get(pk, 0), pk))
    return [row for org in organisations for row in by_org[org.pk]]


def _path_of(organisations, org_id):
    from pages.models import BranchPage

    org = BranchPage.objects.filter(pk=int(org_id)).only("path").first()
    return org.path if org else "-"
