"""Keeps MonthlyCount (models/counts.py) equal to what the records say.

Every write of a record goes through one of: MeetingRecord.save(), the record
queryset's update() and bulk_create(), or a delete (post_delete). Each of them calls
refresh() with the (organisation, year) pairs it touched, before and after the change;
refresh() recounts those pairs from the records in one grouped query and replaces their
rows, inside the caller's transaction. Recounting (rather than adding and subtracting)
means a count cannot drift: it is always a function of the records it summarises.
"""

from django.db import connections, transaction
from django.db.models import Count
from django.db.models.signals import post_delete

from caching.signals import invalidate

from .models.counts import MONTH_FIELDS

ZEROS = (0,) * 12


def _lock(org_ids):
    """Serialise recounts of the same organisations (PostgreSQL; SQLite has one writer)."""
    from pages.models import BranchPage

    features = connections[BranchPage.objects.db].features
    if features.has_select_for_update and features.has_select_for_update_of:
        list(BranchPage.objects.select_for_update(of=("self",))
             .filter(pk__in=sorted(org_ids)).values_list("pk", flat=True))


def recount(pairs):
    """{(organisation id, year): {meeting type: [12 counts]}} from the records."""
    from .models import MeetingRecord

    by_year = {}
    for org_id, year in pairs:
        by_year.setdefault(year, set()).add(org_id)
    result = {pair: {} for pair in pairs}
    for year, org_ids in by_year.items():
        rows = (MeetingRecord.objects.counted()
                .filter(held_year=year, organisation_id__in=sorted(org_ids))
                .values_list("organisation_id", "meeting_type", "held_month")
                .annotate(n=Count("id")).order_by())
        for org_id, meeting_type, month, n in rows:
            if not 1 <= (month or 0) <= 12:
                continue  # only a write behind the application's back; verify reports it
            months = result[(org_id, year)].setdefault(meeting_type, [0] * 12)
            months[month - 1] = n
    return result


def refresh(pairs):
    """Rewrite the MonthlyCount rows of these (organisation id, year) pairs."""
    from .models import MonthlyCount

    pairs = {(org, year) for org, year in pairs if org and year}
    if not pairs:
        return
    with transaction.atomic():
        _lock({org for org, _year in pairs})
        counted = recount(pairs)
        for year in {year for _org, year in pairs}:
            MonthlyCount.objects.filter(
                year=year, organisation_id__in=[org for org, y in pairs if y == year]).delete()
        MonthlyCount.objects.bulk_create([
            MonthlyCount(organisation_id=org, year=year, meeting_type=meeting_type, months=months)
            for (org, year), by_type in counted.items()
            for meeting_type, months in by_type.items()], batch_size=1000)
    invalidate("meeting counts recounted")  # bulk writes send no model signal


def rebuild():
    """Rewrite the whole table from the records; returns the number of rows written."""
    from .models import MeetingRecord, MonthlyCount

    with transaction.atomic():
        MonthlyCount.objects.all().delete()
        pairs = set(MeetingRecord.objects.values_list("organisation_id", "held_year")
                .order_by().distinct())
        refresh(pairs)
        return MonthlyCount.objects.count()


def mismatches():
    """[(organisation id, year, meeting type, stored, expected)] where the table is wrong."""
    from .models import MeetingRecord, MonthlyCount

    pairs = set(MeetingRecord.objects.values_list("organisation_id", "held_year")
                .order_by().distinct())
    pairs |= set(MonthlyCount.objects.values_list("organisation_id", "year").order_by().distinct())
    expected = recount(pairs)
    stored = {}
    for org, year, meeting_type, *months in MonthlyCount.objects.values_list(
            "organisation_id", "year", "meeting_type", *MONTH_FIELDS):
        stored.setdefault((org, year), {})[meeting_type] = months
    out = []
    for pair in sorted(pairs):
        want, have = expected.get(pair, {}), stored.get(pair, {})
        for meeting_type in sorted(set(want) | set(have)):
            if want.get(meeting_type, list(ZEROS)) != have.get(meeting_type, list(ZEROS)):
                out.append((*pair, meeting_type, have.get(meeting_type),
                            want.get(meeting_type)))
    return out


def _record_deleted(sender, instance, **kwargs):
    refresh({(instance.organisation_id, instance.held_year)})


def connect_signals():
    from .models import MeetingRecord

    post_delete.connect(_record_deleted, sender=MeetingRecord,
                        dispatch_uid="meetings-counts-record-deleted")
