"""iCalendar feeds: parsed back with `icalendar`, checked against the frequency rules and scope."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from calendars.models import CalendarToken
from portal.plugins import Plugin, registry
from tests.factories import restrict_to_party

needs_meetings = pytest.mark.requires_plugin("meetings")


@pytest.fixture
def calendar_provider():
    """Feeds are served when some plugin provides events; with none enabled a stub plugin
    without events stands in, so tokens, scope and links are tested on the core alone."""
    if registry.provides_calendar():
        yield
        return
    registry.register(Plugin(label="calendar-stub", name="日历",
                             calendar_events=lambda organisations, user: []))
    yield
    registry.unregister("calendar-stub")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return [c for c in Calendar.from_ical(response.content).walk("VEVENT")]


def plan_uids(events, org):
    return {str(e["uid"]) for e in events if str(e["uid"]).startswith(f"meetings-plan-{org.pk}-")}


def expected_plans(org, today, held_now=()):
    """UIDs the rules call for: every period of this year not yet over, and all of next year,
    except the current periods of the meeting types in `held_now`."""
    from plugins.meetings.constants import DEFAULT_RULES, MONTH, QUARTER

    uids = set()
    for meeting_type, period, _count, _note in DEFAULT_RULES:
        for year in (today.year, today.year + 1):
            if period == MONTH:
                starts = [dt.date(year, m, 1) for m in range(1, 13)]
            elif period == QUARTER:
                starts = [dt.date(year, m, 1) for m in (1, 4, 7, 10)]
            else:
                starts = [dt.date(year, 1, 1)]
            for i, start in enumerate(starts):
                end = starts[i + 1] if i + 1 < len(starts) else dt.date(year + 1, 1, 1)
                if end <= today:
                    continue
                if meeting_type in held_now and start <= today < end:
                    continue
                uids.add(f"meetings-plan-{org.pk}-{meeting_type}-{start:%Y-%m}@dangwu-portal")
    return uids


@needs_meetings
def test_public_feed_follows_the_rules(client, site_tree):
    today = timezone.localdate()
    events = parse(client.get(reverse("calendars:organisation", args=[site_tree.branch1.pk])))
    assert plan_uids(events, site_tree.branch1) == expected_plans(site_tree.branch1, today)
    theme = [e for e in events if "-theme_day-" in str(e["uid"])]
    first = min(theme, key=lambda e: e.decoded("dtstart"))
    start = first.decoded("dtstart")
    assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all-day
    assert (start + dt.timedelta(days=1)).day == 1  # the last day of the month
    assert "主题党日" in str(first["summary"]) and "第一党支部" in str(first["summary"])
    assert all(str(e["class"]) == "PUBLIC" for e in events)
    assert all(str(e["uid"]).startswith(f"meetings-plan-{site_tree.branch1.pk}-") for e in events)


@needs_meetings
def test_a_held_meeting_removes_the_plan_and_shows_only_to_members(client, site_tree, member1,
                                                                   member2):
    from tests.plugins.meetings.conftest import make_record

    now = timezone.now() - dt.timedelta(minutes=1)
    record = make_record(site_tree.branch1, "theme_day", start=now, topic="重温入党誓词")
    other = make_record(site_tree.branch2, "theme_day", start=now, topic="第二支部的秘密议题")
    today = timezone.localdate()

    public = parse(client.get(reverse("calendars:organisation", args=[site_tree.branch1.pk])))
    assert plan_uids(public, site_tree.branch1) == expected_plans(site_tree.branch1, today,
                                                                  held_now={"theme_day"})
    assert not [e for e in public if "重温入党誓词" in str(e["summary"])]

    token = CalendarToken.for_user(member1).token
    response = client.get(reverse("calendars:member", args=[token]))
    assert response["Cache-Control"] == "private, no-store"
    mine = parse(response)
    held = [e for e in mine if str(e["uid"]) == f"meetings-record-{record.pk}@dangwu-portal"]
    assert len(held) == 1 and "重温入党誓词" in str(held[0]["summary"])
    assert str(held[0]["class"]) == "PRIVATE"
    assert held[0].decoded("dtstart") == record.start.replace(microsecond=0)
    assert not [e for e in mine if str(e["uid"]) == f"meetings-record-{other.pk}@dangwu-portal"]
    assert not plan_uids(mine, site_tree.branch2)  # not member2's organisation
    assert plan_uids(mine, site_tree.branch1)


def test_reset_retires_the_old_address(client, site_tree, member1, calendar_provider):
    old = CalendarToken.for_user(member1).token
    client.force_login(member1)
    assert client.get(reverse("members:home")).content.decode().count(old) == 1
    response = client.post(reverse("calendars:reset"))
    assert response.status_code == 302
    client.logout()
    gone = client.get(reverse("calendars:member", args=[old]))
    assert gone.status_code == 410
    assert "已重置" in gone.content.decode()
    new = CalendarToken.objects.get(user=member1).token
    assert new != old
    parse(client.get(reverse("calendars:member", args=[new])))
    unknown = client.get(reverse("calendars:member", args=["no-such-token"]))
    assert unknown.status_code == 404 and "不存在" in unknown.content.decode()
    assert client.get(reverse("calendars:reset")).status_code in (302, 405)


def test_inactive_member_feed_is_404(client, site_tree, member1, calendar_provider):
    token = CalendarToken.for_user(member1).token
    member1.is_active = False
    member1.save()
    assert client.get(reverse("calendars:member", args=[token])).status_code == 404


def test_public_feed_of_a_hidden_organisation_is_404(client, site_tree, calendar_provider):
    restrict_to_party(site_tree.branch2)
    assert client.get(reverse("calendars:organisation",
                              args=[site_tree.branch2.pk])).status_code == 404
    assert client.get(reverse("calendars:organisation", args=[999999])).status_code == 404


def test_links_from_profile_and_member_centre(client, site_tree, member1, calendar_provider):
    url = reverse("calendars:organisation", args=[site_tree.branch1.pk])
    assert url in client.get(site_tree.branch1.url).content.decode()
    client.force_login(member1)
    body = client.get(reverse("members:home")).content.decode()
    assert "组织生活日历" in body and "/calendar/m/" in body


@needs_meetings
def test_committee_organisations_have_no_planned_meetings(client, site_tree):
    """The rules track 党支部 (TRACKED_ORG_TYPES); a 党委's own feed has no plans."""
    events = parse(client.get(reverse("calendars:organisation", args=[site_tree.committee.pk])))
    assert events == []
