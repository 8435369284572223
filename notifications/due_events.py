"""Core date-driven events, raised by the scheduled command: 换届 due within 90 days."""

import datetime as dt

from django.utils import timezone

from members.membership import organisation_leaders

from .api import notify
from .kinds import ELECTION_DUE

ELECTION_NOTICE_DAYS = 90


def elections_due(now=None):
    """Tell an organisation's committee once per term that 换届 falls due within 90 days
    (or is already overdue)."""
    from pages.models import BranchPage

    today = timezone.localdate(now) if now else timezone.localdate()
    limit = today + dt.timedelta(days=ELECTION_NOTICE_DAYS)
    raised = 0
    for org in BranchPage.objects.live().exclude(term_start=None).order_by("path"):
        due = org.next_election_date
        if due is None or due > limit:
            continue
        days = (due - today).days
        when = f"还有{days}天" if days >= 0 else f"已逾期{-days}天"
        rows = notify(organisation_leaders(org), ELECTION_DUE,
                      f"{org.title}应于{due:%Y年%m月%d日}前换届（{when}）",
                      body=(f"本届任期自{org.term_start:%Y年%m月%d日}起，任期{org.term_length}年。"
                            "请按规定做好换届选举准备。"),
                      link=org.url or "", key=f"election:{org.pk}:{due.isoformat()}")
        raised += len(rows)
    return f"换届提醒{raised}条"
