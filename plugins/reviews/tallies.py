"""群众评议情况统计表 (seed 004, 附件六), computed from the raw ratings every time.

Counting rules (docs/reviews.md):
- every respondent rates every target on every criterion of its kind; each such
  grade is one 票 (vote), so a target's 有效票数 = respondents x criteria;
- per level: count of votes and its share of the target's votes;
- 满意率 = (满意 + 比较满意 + 基本满意) / 有效票数;
- ranking within each target kind by 满意率, then by the share of 满意; ties share a rank;
- a target whose 满意率 is below the campaign's threshold is flagged for 整改.

One grouped query over Rating (campaign, target, category, levels) gives the counts;
`recount` does the same arithmetic row by row as an independent check.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from .constants import (
    CATEGORIES,
    CATEGORY_LABELS,
    LEVEL_CODES,
    LEVEL_LABELS,
    SATISFIED_LEVELS,
    TARGET_KIND_LABELS,
    TARGET_KINDS,
)
from .models import Rating, Response


def percent(part, whole):
    return round(100.0 * part / whole, 1) if whole else 0.0


def satisfaction(counts):
    total = sum(counts.values())
    return percent(sum(counts.get(level, 0) for level in SATISFIED_LEVELS), total)


@dataclass
class LevelCell:
    level: str
    label: str
    count: int
    percent: float


class _Counted:
    """Figures of `counts` (votes per level)."""

    @property
    def votes(self):
        return sum(self.counts.values())

    @property
    def cells(self):
        votes = self.votes
        return [LevelCell(lv, LEVEL_LABELS[lv], self.counts.get(lv, 0),
                          percent(self.counts.get(lv, 0), votes)) for lv in LEVEL_CODES]

    @property
    def satisfaction(self):
        return satisfaction(self.counts)


@dataclass
class Breakdown(_Counted):
    """Counts per level for one slice (a category or a criterion) of one target."""

    label: str
    counts: dict
    respondents: int = 0


@dataclass
class TargetRow(_Counted):
    target: object
    respondents: int
    counts: dict
    by_category: list
    by_criterion: list
    rank: int = 0
    flagged: bool = False

    @property
    def name(self):
        return self.target.display_name

    @property
    def kind(self):
        return self.target.kind

    @property
    def satisfied_share(self):
        return percent(self.counts.get(LEVEL_CODES[0], 0), self.votes)


@dataclass
class KindTable:
    kind: str
    rows: list

    @property
    def label(self):
        return TARGET_KIND_LABELS[self.kind]


@dataclass
class Statistics:
    campaign: object
    respondents: int
    respondents_by_category: list  # [(label, count)]
    tables: list = field(default_factory=list)  # [KindTable]

    @property
    def rows(self):
        return [row for table in self.tables for row in table.rows]

    @property
    def flagged(self):
        return [row for row in self.rows if row.flagged]

    def as_data(self):
        """A plain, stable structure: what is published, hashed and re-verified."""
        return {
            "campaign": self.campaign.pk,
            "respondents": self.respondents,
            "respondents_by_category": dict(self.respondents_by_category),
            "targets": [
                {"target": row.target.pk, "name": row.name, "kind": row.kind,
                 "respondents": row.respondents, "votes": row.votes,
                 "counts": {lv: row.counts.get(lv, 0) for lv in LEVEL_CODES},
                 "satisfaction": row.satisfaction, "rank": row.rank, "flagged": row.flagged,
                 "by_category": {b.label: {lv: b.counts.get(lv, 0) for lv in LEVEL_CODES}
                                 for b in row.by_category},
                 "by_criterion": {b.label: {lv: b.counts.get(lv, 0) for lv in LEVEL_CODES}
                                  for b in row.by_criterion}}
                for row in self.rows
            ],
        }


def digest(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False)
                          .encode()).hexdigest()


# -- counting ---------------------------------------------------------------------------------
def grouped_counts(campaign):
    """(target_id, category, levels) -> number of ratings, from one GROUP BY query."""
    # COUNT(*), not COUNT(id): the query then reads only the columns of the tally index.
    rows = (Rating.objects.filter(campaign=campaign).order_by()
            .values_list("target_id", "category", "levels").annotate(n=Count("*")))
    return {(t, c, lv): n for t, c, lv, n in rows}


def recount(campaign):
    """The same mapping, computed row by row in Python (for verification)."""
    counts = defaultdict(int)
    for t, c, lv in (Rating.objects.filter(campaign=campaign).order_by()
                     .values_list("target_id", "category", "levels").iterator(chunk_size=5000)):
        counts[(t, c, lv)] += 1
    return dict(counts)


def build_statistics(campaign, grouped=None):
    grouped = grouped_counts(campaign) if grouped is None else grouped
    targets = list(campaign.targets.all())
    criteria = {kind: campaign.criteria_for(kind) for kind in campaign.target_kinds()}
    # target -> category -> position -> level -> votes; and respondents per target/category
    votes = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int))))
    people = defaultdict(lambda: defaultdict(int))
    for (target_id, category, levels), n in grouped.items():
        people[target_id][category] += n
        per_position = votes[target_id][category]
        for position, level in enumerate(levels):
            per_position[position][level] += n

    tables = []
    for kind, _ in TARGET_KINDS:
        kind_targets = [t for t in targets if t.kind == kind]
        if not kind_targets:
            continue
        rows = [_target_row(t, criteria.get(kind, []), votes[t.pk], people[t.pk])
                for t in kind_targets]
        _rank(rows, campaign.flag_threshold)
        rows.sort(key=lambda r: (r.rank, r.target.sort_order or 0, r.target.pk))
        tables.append(KindTable(kind, rows))

    by_category = dict(Response.objects.filter(campaign=campaign).order_by()
                       .values_list("category").annotate(n=Count("id")))
    return Statistics(
        campaign=campaign,
        respondents=sum(by_category.values()),
        respondents_by_category=[(label, by_category.get(code, 0)) for code, label in CATEGORIES],
        tables=tables,
    )


def _target_row(target, criteria, votes_by_category, people_by_category):
    total = defaultdict(int)
    by_criterion = [Breakdown(c.name, defaultdict(int)) for c in criteria]
    by_category = []
    for code, label in CATEGORIES:
        positions = votes_by_category.get(code, {})
        counts = defaultdict(int)
        for position, levels in positions.items():
            for level, n in levels.items():
                counts[level] += n
                total[level] += n
                if position < len(by_criterion):
                    by_criterion[position].counts[level] += n
        by_category.append(Breakdown(label, dict(counts), people_by_category.get(code, 0)))
    return TargetRow(target=target, respondents=sum(people_by_category.values()),
                     counts=dict(total), by_category=by_category,
                     by_criterion=[Breakdown(b.label, dict(b.counts)) for b in by_criterion])


def _rank(rows, threshold):
    ordered = sorted(rows, key=lambda r: (-r.satisfaction, -r.satisfied_share))
    previous, rank = None, 0
    for i, row in enumerate(ordered, start=1):
        key = (row.satisfaction, row.satisfied_share)
        if key != previous:
            rank, previous = i, key
        row.rank = rank
        row.flagged = row.votes > 0 and row.satisfaction < threshold


def category_label(code):
    return CATEGORY_LABELS.get(code, code)
