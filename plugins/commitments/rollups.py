"""Completion roll-ups (weighted by each item's 权重) per organisation, per period, per status.

One aggregate query, grouped by organisation × period × effective status, feeds every
roll-up of a page (and its paginator's count), so the cost is one scan of the filtered items.
"""

from dataclasses import dataclass

from django.db.models import Case, CharField, Count, F, Sum, Value, When
from django.utils import timezone

from .choices import DONE, OVERDUE, STATUSES
from .models.items import overdue_q


@dataclass
class Rollup:
    key: object
    label: str
    items: int = 0
    done: int = 0
    overdue: int = 0
    weight: int = 0
    weighted_progress: int = 0
    order: object = None

    @property
    def completion(self):
        """Weighted completion in percent: Σ(权重 × 进度) / Σ权重."""
        return round(self.weighted_progress / self.weight, 1) if self.weight else 0.0

    def add(self, status, n, weight, weighted_progress):
        self.items += n
        self.weight += weight or 0
        self.weighted_progress += weighted_progress or 0
        if status == DONE:
            self.done += n
        elif status == OVERDUE:
            self.overdue += n


@dataclass
class Summary:
    by_organisation: list
    by_period: list
    status_counts: list  # (status, label, count)
    total: Rollup


def summarise(items, today=None):
    """All roll-ups of the filtered items in one query."""
    from pages.models import BranchPage

    from .models import Period

    today = today or timezone.localdate()
    rows = list(
        items.order_by()
        .annotate(effective=Case(When(overdue_q(today), then=Value(OVERDUE)),
                                 default=F("status"), output_field=CharField()))
        .values_list("pledge__organisation_id", "pledge__period_id", "effective")
        .annotate(n=Count("id"), w=Sum("weight"), wp=Sum(F("weight") * F("progress"))))
    org_ids = {r[0] for r in rows}
    period_ids = {r[1] for r in rows}
    orgs = {pk: (title, path) for pk, title, path in BranchPage.objects.filter(
        pk__in=org_ids).values_list("pk", "title", "path")}
    periods = {pk: (name, start) for pk, name, start in Period.objects.filter(
        pk__in=period_ids).values_list("pk", "name", "start_date")}
    by_org, by_period, by_status = {}, {}, {}
    total = Rollup(None, "合计")
    for org_id, period_id, status, n, w, wp in rows:
        title, path = orgs.get(org_id, ("", ""))
        by_org.setdefault(org_id, Rollup(org_id, title, order=path)).add(status, n, w, wp)
        name, start = periods.get(period_id, ("", None))
        by_period.setdefault(period_id, Rollup(period_id, name, order=start)).add(status, n, w, wp)
        by_status[status] = by_status.get(status, 0) + n
        total.add(status, n, w, wp)
    return Summary(
        sorted(by_org.values(), key=lambda r: r.order or ""),
        sorted(by_period.values(), key=lambda r: (r.order is None, r.order)),
        [(value, label, by_status.get(value, 0)) for value, label in STATUSES],
        total,
    )


def total(items, today=None):
    return summarise(items, today).total
