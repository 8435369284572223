"""The compliance calendar: required vs held organisational life per month, quarter and year.

One aggregate query counts the (non-withdrawn) records of any number of
organisations by type and month; everything else is arithmetic, so the
机关党委 dashboard over hundreds of organisations stays fast.
"""

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count
from django.utils import timezone

from .constants import MEETING_TYPE_LABELS, MONTH, QUARTER, TRACKED_ORG_TYPES

MET, DUE, OVERDUE, UPCOMING = "met", "due", "overdue", "upcoming"
STATE_LABELS = {MET: "已完成", DUE: "本期待开", OVERDUE: "逾期未开", UPCOMING: "未到期"}


@dataclass(slots=True)
class PeriodStatus:
    label: str
    start: dt.date
    end: dt.date
    months: tuple
    required: int
    held: int
    state: str

    @property
    def span(self):
        return len(self.months)

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def assessed(self):
        return self.state in (MET, OVERDUE)


@dataclass
class RuleStatus:
    meeting_type: str
    rule_text: str
    periods: list

    @property
    def label(self):
        return MEETING_TYPE_LABELS[self.meeting_type]

    @cached_property
    def held(self):
        return sum(p.held for p in self.periods)

    @cached_property
    def required(self):
        return sum(p.required for p in self.periods)


@dataclass
class Item:
    """A due or overdue obligation, for lists and reminders."""
    organisation: object
    meeting_type: str
    period: PeriodStatus

    @property
    def label(self):
        return MEETING_TYPE_LABELS[self.meeting_type]

    @property
    def missing(self):
        return max(self.period.required - self.period.held, 0)


@dataclass
class OrgCompliance:
    organisation: object
    year: int
    rules: list = field(default_factory=list)

    def periods(self):
        return [p for r in self.rules for p in r.periods]

    @cached_property
    def assessed(self):
        return sum(1 for p in self.periods() if p.assessed)

    @cached_property
    def met(self):
        return sum(1 for p in self.periods() if p.state == MET)

    @cached_property
    def percent(self):
        """Share of the periods that have ended (or are already met) in which the rule was met."""
        assessed = self.assessed
        return round(100 * self.met / assessed, 1) if assessed else None

    def items(self, state):
        return [Item(self.organisation, r.meeting_type, p)
                for r in self.rules for p in r.periods if p.state == state]

    def grouped(self, state):
        """[(meeting type label, [period labels], missing meetings)] for compact lists."""
        out = []
        for rule in self.rules:
            periods = [p for p in rule.periods if p.state == state]
            if periods:
                out.append((rule.label, [p.label for p in periods],
                            sum(p.required - p.held for p in periods), periods[-1].end))
        return out

    @cached_property
    def overdue_grouped(self):
        return self.grouped(OVERDUE)

    @cached_property
    def due_grouped(self):
        return self.grouped(DUE)

    @cached_property
    def overdue(self):
        return self.items(OVERDUE)

    @cached_property
    def due(self):
        return self.items(DUE)

    @cached_property
    def held_total(self):
        return sum(r.held for r in self.rules)


def _last_day(year, month):
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_spans(period, year):
    """(label, start, end, months) for each period of a rule in a year."""
    if period == MONTH:
        return [(f"{m}月", dt.date(year, m, 1), _last_day(year, m), (m,)) for m in range(1, 13)]
    if period == QUARTER:
        names = "一二三四"
        return [(f"第{names[q]}季度", dt.date(year, 3 * q + 1, 1), _last_day(year, 3 * q + 3),
                 (3 * q + 1, 3 * q + 2, 3 * q + 3)) for q in range(4)]
    return [(f"{year}年", dt.date(year, 1, 1), dt.date(year, 12, 31), tuple(range(1, 13)))]


def state_of(required, held, start, end, today):
    if held >= required:
        return MET
    if end < today:
        return OVERDUE
    if start <= today:
        return DUE
    return UPCOMING


def monthly_counts(org_ids, year):
    """{(organisation id, meeting type): {month: count}} for the given organisations and year."""
    from .models import MeetingRecord

    rows = (MeetingRecord.objects.counted()
            .filter(held_year=year, organisation_id__in=list(org_ids))
            .values_list("organisation_id", "meeting_type", "held_month")
            .annotate(n=Count("id")).order_by())
    counts = defaultdict(dict)
    for org_id, meeting_type, month, n in rows:
        counts[(org_id, meeting_type)][month] = n
    return counts


def _period(label, start, end, months, required, by_month, today):
    if not by_month:
        held = 0
    elif len(months) == 1:
        held = by_month.get(months[0], 0)
    else:
        held = sum([by_month.get(m, 0) for m in months])
    return PeriodStatus(label, start, end, months, required, held,
                        state_of(required, held, start, end, today))


def evaluate(organisation, year, rules, counts, today, spans=None):
    result = OrgCompliance(organisation, year)
    for rule in rules:
        by_month = counts.get((organisation.pk, rule.meeting_type), {})
        rule_spans = spans[rule.period] if spans else period_spans(rule.period, year)
        periods = [_period(*span, rule.min_count, by_month, today) for span in rule_spans]
        result.rules.append(RuleStatus(rule.meeting_type, rule.describe(), periods))
    return result


def compliance_for(organisations, year, today=None):
    """OrgCompliance for each organisation, in the given order."""
    from .models import FrequencyRule

    today = today or timezone.localdate()
    organisations = list(organisations)
    rules = FrequencyRule.objects.active_rules()
    counts = monthly_counts([o.pk for o in organisations], year)
    spans = {period: period_spans(period, year) for period in {r.period for r in rules}}
    return [evaluate(o, year, rules, counts, today, spans) for o in organisations]


def tracked(queryset):
    """Organisations whose organisational life is tracked (党支部 and the like)."""
    return queryset.filter(org_type__in=TRACKED_ORG_TYPES)


@dataclass
class Totals:
    organisations: int
    percent: float | None
    overdue: int
    due: int
    held: int
    with_overdue: int


def totals(results):
    assessed = sum(r.assessed for r in results)
    met = sum(r.met for r in results)
    return Totals(
        organisations=len(results),
        percent=round(100 * met / assessed, 1) if assessed else None,
        overdue=sum(len(r.overdue) for r in results),
        due=sum(len(r.due) for r in results),
        held=sum(r.held_total for r in results),
        with_overdue=sum(1 for r in results if r.overdue),
    )
