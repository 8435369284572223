"""The whole demo (load_demo, every bundled plugin) loaded as if on other days: what it shows
stays coherent with the day it is loaded. Days chosen at the edges: just after New Year (the
closed 群众评议 is last year's 下半年, the year of 三会一课 spans two calendar years) and just
after mid-year. "Today" is moved by replacing django.utils.timezone.now, which localdate(),
the loaders and the models' defaults all read."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()


@pytest.fixture
def today_is(monkeypatch):
    def move(year, month, day, hour=10):
        moment = dt.datetime(year, month, day, hour, 0, tzinfo=TZ).astimezone(dt.UTC)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment
    return move


def _meetings(now):
    from plugins.meetings.expected import expected_count
    from plugins.meetings.models import MeetingRecord

    records = MeetingRecord.objects.prefetch_related("versions", "absences", "attendees")
    assert records.exists()
    for record in records.select_related("organisation"):
        first = min(record.versions.all(), key=lambda v: v.number)
        where = f"{record.organisation.slug} {record.start:%Y-%m-%d} {record.meeting_type}"
        # Entered after the meeting ended, never in the future; its first version is the
        # entry itself, so no record is locked before it has a version.
        assert record.end <= record.created_at <= now, where
        assert first.created_at == record.created_at, where
        assert first.created_at < record.locks_at, where
        # 应到 is the organisation's roster (or committee), not the handful of accounts.
        present, absent = len(record.attendee_names()), record.absences.count()
        assert present + absent == expected_count(record, present, absent), where


def _reviews(today):
    from plugins.reviews.demo_data import CLOSED_SLUG, OPEN_SLUG
    from plugins.reviews.models import Campaign, Rectification

    closed = Campaign.objects.get(slug=CLOSED_SLUG)
    opened = Campaign.objects.get(slug=OPEN_SLUG)
    half = "上半年" if today.month <= 6 else "下半年"
    assert opened.period == f"{today.year}年{half}" and opened.is_open
    before = f"{today.year}年上半年" if today.month > 6 else f"{today.year - 1}年下半年"
    assert closed.period == before and closed.is_closed
    assert closed.results_published_at <= timezone.now()
    closed_on = timezone.localtime(closed.closes_at).date()
    for item in Rectification.objects.filter(campaign=closed):
        assert item.deadline > closed_on
        if item.completed_on:
            assert closed_on <= item.completed_on <= today
            assert f"{item.completed_on:%Y年%-m月%-d日}" in item.progress
        else:
            assert item.deadline >= today  # still open and not yet overdue
        assert str(today.year + 1) not in item.progress


@pytest.mark.parametrize("when", [(2027, 1, 3), (2027, 7, 2)])
def test_the_demo_agrees_with_the_day_it_is_loaded(settings, today_is, when):
    from django.apps import apps

    settings.ENABLE_DEMO_ACCOUNTS = True
    now = today_is(*when)
    today = timezone.localdate()
    assert today == dt.date(*when)
    call_command("load_demo", stdout=io.StringIO())
    if apps.is_installed("plugins.meetings"):
        _meetings(now)
    if apps.is_installed("plugins.reviews"):
        _reviews(today)
