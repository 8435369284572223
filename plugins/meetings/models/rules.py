"""Frequency rules (seed 001 附件1) as editable rows; the defaults are created on first use."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..constants import DEFAULT_RULES, MEETING_TYPES, PERIOD_LABELS, PERIODS


class FrequencyRuleQuerySet(models.QuerySet):
    def ensure_defaults(self):
        """Create the seed-001 rules that are missing; never overwrite edited ones."""
        existing = set(self.values_list("meeting_type", flat=True))
        self.bulk_create([
            FrequencyRule(meeting_type=t, period=p, min_count=n, note=note, sort_order=i)
            for i, (t, p, n, note) in enumerate(DEFAULT_RULES) if t not in existing
        ])

    def active_rules(self):
        if not self.exists():
            self.ensure_defaults()
        return list(self.filter(active=True).order_by("sort_order", "pk"))


class FrequencyRule(models.Model):
    meeting_type = models.CharField("会议类型", max_length=20, choices=MEETING_TYPES, unique=True,
                                    error_messages={"unique": "该会议类型已有频次规则。"})
    period = models.CharField("周期", max_length=10, choices=PERIODS)
    min_count = models.PositiveSmallIntegerField(
        "每周期至少召开（次）", default=1,
        validators=[MinValueValidator(1, "至少为1次。"), MaxValueValidator(50, "不能超过50次。")])
    active = models.BooleanField("纳入合规统计", default=True)
    note = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    objects = FrequencyRuleQuerySet.as_manager()

    class Meta:
        verbose_name = "组织生活频次规则"
        verbose_name_plural = "组织生活频次规则"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.get_meeting_type_display()}：{self.describe()}"

    def describe(self):
        if self.min_count == 1:
            return {"month": "每月1次", "quarter": "每季度1次", "year": "每年1次"}[self.period]
        return f"{PERIOD_LABELS[self.period]}不少于{self.min_count}次"
