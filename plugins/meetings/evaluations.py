"""Observer summaries per organisation (seed 000 观察反馈 and the year-end 总结)."""

from dataclasses import dataclass

from django.db.models import Avg, Count

from .models import ObserverEvaluation
from .models.records import year_bounds


@dataclass
class ObserverSummary:
    evaluations: int
    meetings: int
    leadership: float | None
    quality: float | None
    effect: float | None

    @property
    def overall(self):
        parts = [v for v in (self.leadership, self.quality, self.effect) if v is not None]
        return round(sum(parts) / len(parts), 2) if parts else None


def summaries(org_ids, year):
    """{organisation id: ObserverSummary} for the evaluations of meetings held in `year`."""
    start, end = year_bounds(year)
    rows = (ObserverEvaluation.objects
            .filter(record__organisation_id__in=list(org_ids),
                    record__start__gte=start, record__start__lt=end)
            .values("record__organisation_id")
            .annotate(n=Count("id"), meetings=Count("record", distinct=True),
                      leadership=Avg("leadership_score"), quality=Avg("quality_score"),
                      effect=Avg("effect_score"))
            .order_by())
    return {
        row["record__organisation_id"]: ObserverSummary(
            row["n"], row["meetings"], _round(row["leadership"]), _round(row["quality"]),
            _round(row["effect"]))
        for row in rows
    }


def _round(value):
    return round(float(value), 2) if value is not None else None


def recent_feedback(organisation, year, limit=5):
    start, end = year_bounds(year)
    return list(ObserverEvaluation.objects
                .filter(record__organisation=organisation,
                        record__start__gte=start, record__start__lt=end)
                .select_related("record", "evaluator")[:limit])
