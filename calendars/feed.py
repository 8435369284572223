"""CalendarEvents (portal.plugins) as an iCalendar (RFC 5545) document, with `icalendar`."""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//dangwu-portal//calendars//ZH"


def _utc(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return value


def build(events, name, request=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for item in sorted(events, key=lambda e: (str(e.start), e.uid)):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.summary)
        event.add("dtstart", _utc(item.start))
        end = item.end
        if end is None and not isinstance(item.start, dt.datetime):
            end = item.start + dt.timedelta(days=1)
        if end is not None:
            event.add("dtend", _utc(end))
        event.add("class", "PUBLIC" if item.public else "PRIVATE")
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", request.build_absolute_uri(item.url) if request else item.url)
        calendar.add_component(event)
    return calendar.to_ical()
