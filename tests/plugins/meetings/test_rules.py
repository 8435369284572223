"""The seed-001 frequency rules and the compliance calendar arithmetic."""

import datetime as dt

from plugins.meetings.compliance import (
    DUE,
    MET,
    OVERDUE,
    UPCOMING,
    compliance_for,
    period_spans,
)
from plugins.meetings.constants import DEFAULT_RULES
from plugins.meetings.models import FrequencyRule

from .conftest import at, make_record


def test_default_rules_follow_seed_001(db):
    FrequencyRule.objects.ensure_defaults()
    rules = {r.meeting_type: (r.period, r.min_count) for r in FrequencyRule.objects.all()}
    assert rules == {
        "committee": ("month", 1), "party_congress": ("quarter", 1), "group": ("month", 1),
        "lecture": ("year", 4), "life_meeting": ("year", 1), "theme_day": ("month", 1),
        "appraisal": ("year", 1),
    }
    assert len(DEFAULT_RULES) == 7
    assert FrequencyRule.objects.get(meeting_type="lecture").describe() == "每年不少于4次"


def test_ensure_defaults_keeps_edited_rules(db):
    FrequencyRule.objects.ensure_defaults()
    FrequencyRule.objects.filter(meeting_type="lecture").update(min_count=6)
    FrequencyRule.objects.filter(meeting_type="committee").delete()
    FrequencyRule.objects.ensure_defaults()
    assert FrequencyRule.objects.get(meeting_type="lecture").min_count == 6
    assert FrequencyRule.objects.filter(meeting_type="committee").count() == 1


def test_period_spans():
    months = period_spans("month", 2024)
    assert len(months) == 12 and months[1][2] == dt.date(2024, 2, 29)
    quarters = period_spans("quarter", 2025)
    assert [q[0] for q in quarters] == ["第一季度", "第二季度", "第三季度", "第四季度"]
    assert quarters[3][1:3] == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert period_spans("year", 2025)[0][3] == tuple(range(1, 13))


def _rule(result, meeting_type):
    return next(r for r in result.rules if r.meeting_type == meeting_type)


def test_calendar_counts_held_meetings_per_period(site_tree):
    org = site_tree.branch1
    make_record(org, "committee", at(2025, 1, 6))
    make_record(org, "committee", at(2025, 2, 6))
    make_record(org, "party_congress", at(2025, 2, 18))
    make_record(org, "lecture", at(2025, 3, 1))
    make_record(org, "lecture", at(2025, 1, 25))
    make_record(site_tree.branch2, "committee", at(2025, 3, 6))  # another organisation
    result = compliance_for([org], 2025, today=dt.date(2025, 4, 10))[0]

    committee = _rule(result, "committee")
    assert [p.state for p in committee.periods[:5]] == [MET, MET, OVERDUE, DUE, UPCOMING]
    assert committee.held == 2
    congress = _rule(result, "party_congress")
    assert [p.state for p in congress.periods] == [MET, DUE, UPCOMING, UPCOMING]
    lecture = _rule(result, "lecture")
    assert lecture.periods[0].held == 2 and lecture.periods[0].state == DUE
    overdue = {(i.meeting_type, i.period.label) for i in result.overdue}
    assert ("committee", "3月") in overdue
    assert ("group", "1月") in overdue and ("theme_day", "3月") in overdue
    # assessed: ended periods (3 committee, 3 group, 3 theme day months, Q1) + met current ones
    assert result.assessed == 10 and result.met == 3
    assert result.percent == 30.0


def test_voided_records_do_not_count_and_edited_rules_apply(site_tree):
    org = site_tree.branch1
    record = make_record(org, "lecture", at(2025, 5, 1))
    make_record(org, "lecture", at(2025, 6, 1))
    today = dt.date(2025, 12, 1)
    assert _rule(compliance_for([org], 2025, today)[0], "lecture").held == 2
    record.voided = True
    record.save()
    assert _rule(compliance_for([org], 2025, today)[0], "lecture").held == 1
    FrequencyRule.objects.filter(meeting_type="lecture").update(min_count=1)
    assert _rule(compliance_for([org], 2025, today)[0], "lecture").periods[0].state == MET
    FrequencyRule.objects.filter(meeting_type="appraisal").update(active=False)
    types = [r.meeting_type for r in compliance_for([org], 2025, today)[0].rules]
    assert "appraisal" not in types and len(types) == 6


def test_meeting_late_in_the_evening_counts_in_local_month(site_tree):
    """23:30 on 31 January in Beijing is still January, although it is UTC afternoon."""
    make_record(site_tree.branch1, "committee", at(2025, 1, 31, 23, 0),
                end=at(2025, 1, 31, 23, 50))
    result = compliance_for([site_tree.branch1], 2025, today=dt.date(2025, 3, 1))[0]
    committee = _rule(result, "committee")
    assert committee.periods[0].state == MET and committee.periods[1].state == OVERDUE
