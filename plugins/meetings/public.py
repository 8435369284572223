"""What the public may see: counts of meetings held this year per type, nothing more."""

from django.db.models import Count
from django.utils import timezone

from .constants import MEETING_TYPES


def summary_counts(year=None, organisation_ids=None):
    """[(type label, count)] for every meeting type, in the seed-001 order."""
    from .models import MeetingRecord

    year = year or timezone.localdate().year
    queryset = MeetingRecord.objects.counted().in_year(year)
    if organisation_ids is not None:
        queryset = queryset.filter(organisation_id__in=list(organisation_ids))
    counts = dict(queryset.values_list("meeting_type").annotate(n=Count("id")).order_by())
    return [(label, counts.get(key, 0)) for key, label in MEETING_TYPES]


def home_panel_context(request):
    """The same for everyone (counts only); the template keeps it per day until the next
    write to this plugin moves the page-cache generation on, so `counts` is read only
    when the kept copy is missing."""
    from django.utils.functional import SimpleLazyObject

    today = timezone.localdate()
    counts = SimpleLazyObject(lambda: summary_counts(today.year))
    return {"today": today.isoformat(), "year": today.year, "counts": counts,
            "total": SimpleLazyObject(lambda: sum(n for _, n in counts))}
