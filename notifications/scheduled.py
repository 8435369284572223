"""The notifications app's share of `manage.py run_scheduled`."""

from django.conf import settings
from django.utils import timezone

from portal.plugins import ScheduledTask

from . import delivery, due_events


def digest_cutoff(now):
    """The moment before which pending 每日汇总 notifications go out, or None before the
    day's digest hour (PORTAL_DIGEST_HOUR, local time, default 7): each person gets at most
    one digest a day, with what was pending at that hour."""
    local = timezone.localtime(now)
    hour = getattr(settings, "PORTAL_DIGEST_HOUR", 7)
    cutoff = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return cutoff if local >= cutoff else None


def run_digests(now):
    cutoff = digest_cutoff(now)
    if cutoff is None:
        return "未到每日汇总时间"
    return f"汇总邮件{delivery.send_digests(now=now, created_before=cutoff)}人"


def run_retries(now):
    sent, failed = delivery.retry_queued(now)
    return f"重发成功{sent}条，仍失败{failed}条"


def core_tasks():
    return [
        ScheduledTask("pages.elections_due", "换届到期提醒", due_events.elections_due),
        ScheduledTask("notifications.digest", "每日汇总邮件", run_digests),
        ScheduledTask("notifications.retry", "重发失败的消息", run_retries),
    ]
