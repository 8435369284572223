"""Completion roll-ups (weighted by each item's 权重) per organisation and per period."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from .choices import DONE
from .models.items import overdue_q


@dataclass
class Rollup:
    key: object
    label: str
    items: int
    done: int
    overdue: int
    weight: int
    weighted_progress: int

    @property
    def completion(self):
        """Weighted completion in percent: Σ(权重 × 进度) / Σ权重."""
        return round(self.weighted_progress / self.weight, 1) if self.weight else 0.0

    @property
    def done_rate(self):
        return round(100 * self.done / self.items, 1) if self.items else 0.0


def _aggregates(today):
    return {
        "n": Count("id"), "n_done": Count("id", filter=Q(status=DONE)),
        "n_overdue": Count("id", filter=overdue_q(today)),
        "w": Sum("weight"), "wp": Sum(F("weight") * F("progress")),
    }


def _rollup(key, label, row):
    return Rollup(key, label, row["n"], row["n_done"], row["n_overdue"], row["w"] or 0,
                  row["wp"] or 0)


def by_organisation(items, today=None):
    today = today or timezone.localdate()
    rows = (items.order_by().values("pledge__organisation_id", "pledge__organisation__title",
                                    "pledge__organisation__path")
            .annotate(**_aggregates(today)).order_by("pledge__organisation__path"))
    return [_rollup(r["pledge__organisation_id"], r["pledge__organisation__title"], r)
            for r in rows]


def by_period(items, today=None):
    today = today or timezone.localdate()
    rows = (items.order_by().values("pledge__period_id", "pledge__period__name",
                                    "pledge__period__start_date")
            .annotate(**_aggregates(today)).order_by("pledge__period__start_date"))
    return [_rollup(r["pledge__period_id"], r["pledge__period__name"], r) for r in rows]


def total(items, today=None):
    today = today or timezone.localdate()
    row = items.order_by().aggregate(**_aggregates(today))
    return _rollup(None, "合计", row)


def status_counts(items, today=None):
    """How many items are in each effective status (逾期 computed from 完成时限)."""
    from .choices import STATUSES

    items = items.with_effective_status(today)
    counts = dict(items.order_by().values_list("effective_status").annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in STATUSES]
