"""Due and overdue items, grouped by whom to remind (for the reminder command)."""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from .choices import CLOSED_STATUSES, MEMBER_PLEDGE
from .models import CommitmentItem


def due_items(days=14, today=None):
    """Published, open items whose 完成时限 is past (逾期) or within `days` days (即将到期)."""
    today = today or timezone.localdate()
    return (CommitmentItem.objects.current()
            .filter(pledge__published_revision__gt=0, deadline__lte=today + dt.timedelta(days=days))
            .exclude(status__in=CLOSED_STATUSES)
            .select_related("pledge__period", "pledge__organisation", "pledge__member")
            .prefetch_related("pledge__organisation__committee__user")
            .order_by("deadline", "pledge_id", "position"))


def recipients(pledge):
    """E-mail addresses: the member herself, or the organisation's 书记/副书记 accounts."""
    if pledge.kind == MEMBER_PLEDGE:
        users = [pledge.member]
    else:
        users = [m.user for m in pledge.organisation.committee.all()
                 if m.user_id and m.role in ("secretary", "deputy")]
    return sorted({u.email for u in users if u is not None and u.email})


def group_by_recipient(items):
    grouped = defaultdict(list)
    unreachable = []
    for item in items:
        addresses = recipients(item.pledge)
        if not addresses:
            unreachable.append(item)
        for address in addresses:
            grouped[address].append(item)
    return grouped, unreachable
