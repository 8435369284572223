"""承诺期: a half-year with its 公开承诺 window and the date the 台账 is reported (备案)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

HALVES = [(1, "上半年"), (2, "下半年")]


def half_year_bounds(year, half):
    if half == 1:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    return dt.date(year, 7, 1), dt.date(year, 12, 31)


def default_report_due(year, half):
    """Seed 004: reports reach the 机关党委 by mid-July and mid-January."""
    return dt.date(year, 7, 15) if half == 1 else dt.date(year + 1, 1, 15)


class PeriodQuerySet(models.QuerySet):
    def current(self, today=None):
        today = today or timezone.localdate()
        return (self.filter(start_date__lte=today, end_date__gte=today).first()
                or self.order_by("-start_date").first())


class Period(models.Model):
    name = models.CharField("承诺期", max_length=30, unique=True,
                            help_text="例如：2026年上半年")
    year = models.PositiveSmallIntegerField("年度")
    half = models.PositiveSmallIntegerField("半年", choices=HALVES)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    publish_start = models.DateField("公开承诺开始", help_text="承诺书起草、审定和公开示诺的起始日期")
    publish_end = models.DateField("公开承诺截止", help_text="此后不再受理新的承诺书")
    report_due = models.DateField("台账报送日期", help_text="上半年7月中旬、下半年次年1月中旬报机关党委备案")

    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = "承诺期"
        verbose_name_plural = "承诺期"
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="commitments_period_unique_half"),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_half(cls, year, half, **extra):
        start, end = half_year_bounds(year, half)
        values = {
            "name": f"{year}年{dict(HALVES)[half]}", "start_date": start, "end_date": end,
            "publish_start": start, "publish_end": start + dt.timedelta(days=30),
            "report_due": default_report_due(year, half),
        }
        values.update(extra)
        return cls(year=year, half=half, **values)

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = "结束日期应晚于开始日期。"
        if self.publish_start and self.publish_end and self.publish_end < self.publish_start:
            errors["publish_end"] = "公开承诺截止日期不能早于开始日期。"
        if self.start_date and self.end_date and self.publish_start and not (
                self.start_date <= self.publish_start <= self.end_date):
            errors["publish_start"] = "公开承诺开始日期应在承诺期内。"
        if self.end_date and self.publish_end and self.publish_end > self.end_date:
            errors["publish_end"] = "公开承诺截止日期应在承诺期内。"
        if self.report_due and self.end_date and self.report_due < self.end_date:
            errors["report_due"] = "台账报送日期应在承诺期结束之后。"
        if errors:
            raise ValidationError(errors)

    def contains(self, date):
        return self.start_date <= date <= self.end_date

    def accepts_new_pledges(self, today=None):
        today = today or timezone.localdate()
        return self.publish_start <= today <= self.publish_end

    def assessment_open(self, today=None):
        """自评 and 点评 happen at period end: from its last month until the report is due."""
        today = today or timezone.localdate()
        return self.end_date - dt.timedelta(days=31) <= today <= self.report_due
