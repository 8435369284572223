"""This plugin's events for the core's iCalendar feeds (Plugin.calendar_events).

Planned organisational life, from the frequency rules: for every tracked organisation,
rule and period of this year and the next that is not over and still lacks meetings, one
all-day event on the period's last day ("by then"), public like the counts the public
already sees. Held meetings (records, topic and place): only in a member's feed, and only
the records the member may read (scope.visible_records), from RECORD_DAYS back.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from portal.plugins import CalendarEvent

from .compliance import DUE, UPCOMING, compliance_for
from .constants import MEETING_TYPE_LABELS, TRACKED_ORG_TYPES

RECORD_DAYS = 92


def planned_events(organisations, today):
    tracked = [o for o in organisations if o.org_type in TRACKED_ORG_TYPES]
    events = []
    if not tracked:
        return events
    for year in (today.year, today.year + 1):
        for result in compliance_for(tracked, year, today=today):
            org = result.organisation
            for rule in result.rules:
                for period in rule.periods:
                    if period.state not in (DUE, UPCOMING) or period.held >= period.required:
                        continue
                    missing = period.required - period.held
                    events.append(CalendarEvent(
                        uid=f"meetings-plan-{org.pk}-{rule.meeting_type}-{period.start:%Y-%m}"
                            "@dangwu-portal",
                        summary=f"{org.title}：{rule.label}（{period.label}）",
                        start=period.end, end=period.end + dt.timedelta(days=1),
                        organisation_id=org.pk, public=True,
                        description=(f"按组织生活频次规则（{rule.rule_text}），{period.label}应召开"
                                     f"{period.required}次，已召开{period.held}次，"
                                     f"还需{missing}次，{period.end:%Y年%m月%d日}前完成。"),
                        url=reverse("meetings:organisation", args=[org.pk])))
    return events


def record_events(organisations, user, today):
    from .models import MeetingRecord
    from .scope import visible_records

    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=RECORD_DAYS),
                                                    dt.time.min))
    records = visible_records(user, MeetingRecord.objects.counted().filter(
        organisation__in=[o.pk for o in organisations], start__gte=since)
    ).select_related("organisation")
    return [CalendarEvent(
        uid=f"meetings-record-{r.pk}@dangwu-portal",
        summary=f"{r.organisation.title}：{MEETING_TYPE_LABELS[r.meeting_type]}：{r.topic}",
        start=r.start, end=r.end, organisation_id=r.organisation_id, public=False,
        description=f"主持人：{r.host}", location=r.place,
        url=reverse("meetings:detail", args=[r.pk])) for r in records]


def calendar_events(organisations, user=None, today=None):
    today = today or timezone.localdate()
    organisations = list(organisations)
    events = planned_events(organisations, today)
    if user is not None and user.is_authenticated:
        events += record_events(organisations, user, today)
    return events
