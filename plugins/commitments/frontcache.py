"""Public addresses showing a row of this plugin, for the front cache's purges."""

from django.urls import reverse


def _pledge_of(obj):
    from .models import (
        CommitmentItem,
        Evidence,
        LeaderComment,
        LedgerEntry,
        LedgerText,
        Pledge,
        PledgeRevision,
        ProgressRecord,
    )

    if isinstance(obj, Pledge):
        return obj
    if isinstance(obj, (CommitmentItem, LeaderComment, LedgerEntry, PledgeRevision)):
        return obj.pledge
    if isinstance(obj, LedgerText):
        return obj.entry.pledge
    if isinstance(obj, ProgressRecord):
        return obj.item.pledge
    if isinstance(obj, Evidence):
        return obj.record.item.pledge
    return None


def front_cache_paths(obj):
    """The ledger and the pledge's own pages; None (everything) for other rows."""
    from wagtail.models import Page

    from .models import LedgerActor, Period

    if isinstance(obj, Page):
        return ()  # no page of the core shows 承诺书
    ledger = reverse("commitments:ledger")
    if isinstance(obj, (Period, LedgerActor)):  # the filter's 承诺期; names in the ledger
        return [ledger]
    pledge = _pledge_of(obj)
    if pledge is None:
        return None
    return [ledger] + [reverse(name, args=[pledge.pk]) for name in
                       ("commitments:pledge", "commitments:print", "commitments:docx")]
