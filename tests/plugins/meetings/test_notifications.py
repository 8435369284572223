"""A meeting of my organisation overdue by the frequency rules: raised by the scheduled
command for the organisation's committee accounts, once per period."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from notifications.models import Notification
from plugins.meetings.notifying import OVERDUE

from .conftest import at, make_record


def run(now):
    from portal.plugins import registry

    [task] = [t for t in registry.get("meetings").scheduled_tasks if t.name == "meetings.overdue"]
    return task.run(now)


def test_overdue_meetings_are_told_to_the_committee_once(secretary, outsider, member1, site_tree):
    now = timezone.make_aware(dt.datetime(2026, 11, 15, 9))
    summary = run(now)
    mine = Notification.objects.filter(recipient=secretary, kind=OVERDUE)
    count = mine.count()
    assert count > 10 and summary == f"逾期提醒{count}条"
    titles = set(mine.values_list("title", flat=True))
    assert any("支委会逾期未开" in t for t in titles)
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert not Notification.objects.filter(recipient=member1).exists()  # not on the committee
    assert run(now) == "逾期提醒0条"  # once per period
    make_record(site_tree.branch1, "committee", start=at(2026, 3, 10))
    assert run(now) == "逾期提醒0条"


def test_run_scheduled_runs_the_plugin_task(secretary):
    out = StringIO()
    call_command("run_scheduled", "--only", "meetings.overdue", stdout=out)
    assert "[完成] meetings.overdue" in out.getvalue()
