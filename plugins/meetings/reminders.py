"""Which meetings are due or overdue, per organisation, and who should be told."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .compliance import compliance_for, tracked


@dataclass
class Reminder:
    organisation: object
    due: list
    overdue: list
    recipients: list

    def lines(self, today):
        out = []
        for item in self.overdue:
            out.append(f"  逾期：{item.label}（{item.period.label}，应开{item.period.required}次，"
                       f"实开{item.period.held}次）")
        for item in self.due:
            days = (item.period.end - today).days
            out.append(f"  待开：{item.label}（{item.period.label}，还差{item.missing}次，"
                       f"{item.period.end:%m月%d日}前完成，剩余{days}天）")
        return out


def reminders(today=None, within_days=None, organisations=None):
    """Reminders for every tracked organisation with something due or overdue this year.

    within_days limits "due" items to periods ending within that many days.
    """
    from pages.models import BranchPage

    today = today or timezone.localdate()
    if organisations is None:
        organisations = tracked(BranchPage.objects.live()).order_by("path")
    organisations = list(organisations.prefetch_related("committee__user"))
    out = []
    for result in compliance_for(organisations, today.year, today=today):
        due = result.due
        if within_days is not None:
            limit = today + dt.timedelta(days=within_days)
            due = [i for i in due if i.period.end <= limit]
        if not (due or result.overdue):
            continue
        recipients = sorted({m.user.email for m in result.organisation.committee.all()
                             if m.user_id and m.user.email and m.user.is_active})
        out.append(Reminder(result.organisation, due, result.overdue, recipients))
    return out
