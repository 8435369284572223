"""The meetings plugin's scheduled event: organisational life overdue by the frequency
rules, told to the organisation's committee (the accounts linked to its 书记 and 委员)."""

from django.urls import reverse

from portal.plugins import NotificationKind, ScheduledTask

OVERDUE = "meetings.overdue"

KINDS = [NotificationKind(OVERDUE, "本组织有组织生活逾期未开（三会一课）", "digest",
                          "按组织生活频次规定（支委会每月、党员大会每季度等）计算。")]


def raise_overdue(now):
    from django.utils import timezone

    from members.membership import organisation_leaders
    from notifications.api import notify

    from .reminders import reminders

    today = timezone.localdate(now)
    raised = 0
    for reminder in reminders(today=today):
        org = reminder.organisation
        leaders = list(organisation_leaders(org))
        for item in reminder.overdue:
            period = item.period
            raised += len(notify(
                leaders, OVERDUE, f"{org.title}{item.label}逾期未开（{period.label}）",
                body=f"{period.label}应开{period.required}次，实开{period.held}次。",
                link=reverse("meetings:index"),
                key=f"overdue:{org.pk}:{item.meeting_type}:{period.start.isoformat()}"))
    return f"逾期提醒{raised}条"


TASKS = [ScheduledTask("meetings.overdue", "组织生活逾期提醒", raise_overdue)]
