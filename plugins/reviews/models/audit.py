"""Integrity records: who exported what, and every refused second attempt."""

from django.conf import settings
from django.db import models
from django.utils import timezone

EXPORT_KINDS = [
    ("xlsx", "统计表（XLSX）"),
    ("codes", "评议码打印单"),
]
REFUSAL_REASONS = [
    ("duplicate", "重复提交"),
    ("code_used", "评议码已使用"),
    ("code_unknown", "评议码无效"),
]


class ExportLog(models.Model):
    page_cache_neutral = True  # staff-only records: no public page shows them

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="导出人", null=True,
                             on_delete=models.SET_NULL, related_name="+")
    campaign = models.ForeignKey("reviews.Campaign", verbose_name="评议活动",
                                 on_delete=models.CASCADE, related_name="export_logs")
    kind = models.CharField("导出内容", max_length=20, choices=EXPORT_KINDS)
    detail = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("导出时间", default=timezone.now)

    class Meta:
        verbose_name = "导出记录"
        verbose_name_plural = "导出记录"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class RefusedAttempt(models.Model):
    page_cache_neutral = True

    campaign = models.ForeignKey("reviews.Campaign", on_delete=models.CASCADE,
                                 related_name="refused_attempts")
    reason = models.CharField("原因", max_length=20, choices=REFUSAL_REASONS)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "被拒绝的提交"
        verbose_name_plural = "被拒绝的提交"

    def __str__(self):
        return f"{self.get_reason_display()} {self.created_at:%Y-%m-%d %H:%M}"
