"""Integrity records: every refused second attempt. (Exports are in the audit trail,
Wagtail's log, as "reviews.export" entries on the campaign; see exports.py.)"""

from django.db import models
from django.utils import timezone

REFUSAL_REASONS = [
    ("duplicate", "重复提交"),
    ("code_used", "评议码已使用"),
    ("code_unknown", "评议码无效"),
]


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
