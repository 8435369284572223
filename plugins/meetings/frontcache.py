"""Public addresses showing a row of this plugin, for the front cache's purges."""

from django.urls import reverse


def front_cache_paths(obj):
    """The dashboards, the organisation's page and the record's own pages; None
    (everything) for rows that are not about one record."""
    from wagtail.models import Page

    from .models import MeetingRecord

    if isinstance(obj, Page):
        return ()
    record = obj if isinstance(obj, MeetingRecord) else getattr(obj, "record", None)
    if not isinstance(record, MeetingRecord):
        return None
    return [reverse("meetings:index"), reverse("meetings:overview"),
            reverse("meetings:organisation", args=[record.organisation_id]),
            reverse("meetings:detail", args=[record.pk]),
            reverse("meetings:print", args=[record.pk])]
