"""The compliance calendar: required vs held organisational life per month, quarter and year.

One query reads the pre-aggregated monthly counts (models/counts.py) of any number
of organisations; everything else is arithmetic, so the 机关党委 dashboard over
hundreds of organisations stays fast.
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from django.db import connections
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


class RuleStatus:
    """One rule for one organisation and year: held counts and states per period.

    Counts and states are plain lists; PeriodStatus objects are built only when a
    page shows the calendar, so the overview over hundreds of organisations is cheap.
    """

    __slots__ = ("meeting_type", "rule_text", "required_each", "spans", "held_list",
                 "states", "held", "_periods")

    def __init__(self, meeting_type, rule_text, required_each, spans, held_list, states):
        self.meeting_type, self.rule_text = meeting_type, rule_text
        self.required_each, self.spans = required_each, spans
        self.held_list, self.states = held_list, states
        self.held = sum(held_list)
        self._periods = None

    @property
    def label(self):
        return MEETING_TYPE_LABELS[self.meeting_type]

    @property
    def periods(self):
        if self._periods is None:
            self._periods = [
                PeriodStatus(label, start, end, months, self.required_each, held, state)
                for (label, start, end, months), held, state
                in zip(self.spans, self.held_list, self.states, strict=True)]
        return self._periods

    @property
    def required(self):
        return self.required_each * len(self.spans)


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


class OrgCompliance:
    """One organisation's rules for a year, with the tallies the dashboards show.

    met / overdue_count / due_count count periods in that state; assessed = met + overdue;
    percent is the share of the periods that have ended (or are already met) in which
    the rule was met.
    """

    def __init__(self, organisation, year, rules=()):
        self.organisation, self.year = organisation, year
        self.rules = list(rules)
        met = overdue = due = held = 0
        for rule in self.rules:
            states = rule.states
            met += states.count(MET)
            overdue += states.count(OVERDUE)
            due += states.count(DUE)
            held += rule.held
        self.met, self.overdue_count, self.due_count, self.held_total = met, overdue, due, held
        self.assessed = met + overdue
        self.percent = round(100 * met / self.assessed, 1) if self.assessed else None

    def items(self, state):
        return [Item(self.organisation, r.meeting_type, p)
                for r in self.rules if state in r.states
                for p in r.periods if p.state == state]

    def grouped(self, state):
        """[(meeting type label, [period labels], missing meetings, last end)] for lists."""
        out = []
        for rule in self.rules:
            if state not in rule.states:
                continue
            periods = [p for p in rule.periods if p.state == state]
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


def monthly_counts(org_ids, year):
    """{(organisation id, meeting type): [12 monthly counts]} for the given organisations.

    Read from the pre-aggregated MonthlyCount rows (counts.py keeps them equal to the
    records): one short row per organisation and type. The ORM builds the query; its rows
    are read straight from the cursor, since per-row converters would cost more than the
    query itself on a large dashboard.
    """
    from .models import MonthlyCount
    from .models.counts import MONTH_FIELDS

    queryset = (MonthlyCount.objects.filter(year=year, organisation_id__in=list(org_ids))
                .values_list("organisation_id", "meeting_type", *MONTH_FIELDS).order_by())
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {(row[0], row[1]): row[2:] for row in rows}


class _Plan:
    """A rule's periods in one year, with what an unmet period would be as of today.

    status() depends only on the twelve monthly counts, and many organisations share the
    same ones (every month held once, say), so each distinct set is worked out once per
    plan and its RuleStatus shared; RuleStatus holds nothing about the organisation.
    """

    def __init__(self, rule, year, today):
        self.rule = rule
        self.text = rule.describe()
        self.spans = period_spans(rule.period, year)
        self.monthly = rule.period == MONTH
        self.bounds = [(months[0] - 1, months[-1]) for _label, _start, _end, months in self.spans]
        self.unmet = [OVERDUE if end < today else DUE if start <= today else UPCOMING
                      for _label, start, end, _months in self.spans]
        self.zeros = [0] * len(self.spans)
        self.empty_states = [MET if rule.min_count <= 0 else u for u in self.unmet]
        self.known = {}

    def status(self, months):
        key = tuple(months) if months else None
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._status(key)
        return found

    def _status(self, months):
        required = self.rule.min_count
        if not months:
            return RuleStatus(self.rule.meeting_type, self.text, required, self.spans,
                              self.zeros, self.empty_states)
        held = months if self.monthly else [sum(months[a:b]) for a, b in self.bounds]
        states = [MET if h >= required else u for h, u in zip(held, self.unmet, strict=True)]
        return RuleStatus(self.rule.meeting_type, self.text, required, self.spans, held, states)


def evaluate(organisation, year, rules, counts, today, plans=None):
    plans = plans or [_Plan(rule, year, today) for rule in rules]
    pk = organisation.pk
    return OrgCompliance(organisation, year,
                         [plan.status(counts.get((pk, plan.rule.meeting_type))) for plan in plans])


def compliance_for(organisations, year, today=None):
    """OrgCompliance for each organisation, in the given order."""
    from .models import FrequencyRule

    today = today or timezone.localdate()
    organisations = list(organisations)
    rules = FrequencyRule.objects.active_rules()
    counts = monthly_counts([o.pk for o in organisations], year)
    plans = [_Plan(rule, year, today) for rule in rules]
    return [evaluate(o, year, rules, counts, today, plans) for o in organisations]


def latest_items(results, state, limit):
    """The `limit` most recent items in `state` over many organisations, newest first,
    and how many there are in all; builds period objects only for those shown."""
    found = [(rule.spans[i][2], result.organisation.path, n, k, i)
             for n, result in enumerate(results)
             for k, rule in enumerate(result.rules) if state in rule.states
             for i, s in enumerate(rule.states) if s == state]
    found.sort()
    items = []
    for _end, _path, n, k, i in reversed(found[-limit:] if limit else []):
        rule = results[n].rules[k]
        items.append(Item(results[n].organisation, rule.meeting_type, rule.periods[i]))
    return items, len(found)


@dataclass(frozen=True)
class OrgRef:
    """What the dashboards need of an organisation, without loading page objects."""
    pk: int
    title: str
    path: str


def org_refs(queryset):
    return [OrgRef(*row) for row in queryset.order_by("path").values_list("pk", "title", "path")]


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
        overdue=sum(r.overdue_count for r in results),
        due=sum(r.due_count for r in results),
        held=sum(r.held_total for r in results),
        with_overdue=sum(1 for r in results if r.overdue_count),
    )
