"""The core filters the public feed itself: a plugin's private event never reaches it."""

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from portal.plugins import CalendarEvent, Plugin, registry


def test_private_events_never_reach_the_public_feed(client, site_tree):
    def events(organisations, user=None):
        day = dt.date(2030, 1, 15)
        return [CalendarEvent(uid="t-public", summary="公开活动", start=day, public=True),
                CalendarEvent(uid="t-private", summary="内部会议", start=day, public=False)]

    registry.register(Plugin(label="calendar-test", name="日历测试", calendar_events=events))
    try:
        response = client.get(reverse("calendars:organisation", args=[site_tree.branch2.pk]))
        uids = {str(e["uid"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    finally:
        registry.unregister("calendar-test")
    assert "t-public" in uids and "t-private" not in uids
    assert response["Cache-Control"] == "public, max-age=3600"
