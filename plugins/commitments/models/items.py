"""承诺事项: one row of the 台账 (附件三), with its status and progress."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils import timezone

from ..choices import (
    CATEGORIES,
    CLOSED_STATUSES,
    NOT_STARTED,
    OVERDUE,
    STATUSES,
)


def overdue_q(today, prefix=""):
    """Past its 完成时限 and neither done nor closed as 未完成: shown as 逾期."""
    return (Q(**{f"{prefix}deadline__lt": today})
            & ~Q(**{f"{prefix}status__in": CLOSED_STATUSES}))


class ItemQuerySet(models.QuerySet):
    def current(self):
        return self.filter(withdrawn=False)

    def overdue(self, today=None):
        return self.filter(overdue_q(today or timezone.localdate()))

    def weighted_completion(self):
        """Σ weight × progress / Σ weight, in percent (None for no items)."""
        totals = self.aggregate(w=Sum("weight"), wp=Sum(F("weight") * F("progress")))
        if not totals["w"]:
            return None
        return round(totals["wp"] / totals["w"], 1)


class CommitmentItem(models.Model):
    pledge = models.ForeignKey("commitments.Pledge", verbose_name="承诺书",
                               on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("序号", default=1)
    content = models.CharField("承诺事项", max_length=300)
    category = models.CharField("类别", max_length=20, choices=CATEGORIES)
    measures = models.TextField("践诺措施", max_length=1000)
    deadline = models.DateField("完成时限")
    responsible = models.CharField("责任人", max_length=50)
    weight = models.PositiveSmallIntegerField(
        "权重", default=1, validators=[MinValueValidator(1), MaxValueValidator(100)])
    status = models.CharField("状态", max_length=20, choices=STATUSES, default=NOT_STARTED)
    progress = models.PositiveSmallIntegerField(
        "进度（%）", default=0, validators=[MinValueValidator(0), MaxValueValidator(100)])
    withdrawn = models.BooleanField("已撤回", default=False,
                                    help_text="在后续版本中删除的事项保留记录，但不再列入台账")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "承诺事项"
        verbose_name_plural = "承诺事项"
        ordering = ["pledge", "position", "id"]
        indexes = [
            models.Index(fields=["pledge", "position"]),
            models.Index(fields=["status", "deadline"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100),
                                   name="commitments_progress_at_most_100"),
        ]

    def __str__(self):
        return self.content

    def effective_status(self, today=None):
        today = today or timezone.localdate()
        if self.deadline < today and self.status not in CLOSED_STATUSES:
            return OVERDUE
        return self.status

