"""Every save of a record appends a version (versioning.py); the keyed chain seals them."""

from django.conf import settings
from django.db import models


class RecordVersion(models.Model):
    record = models.ForeignKey("meetings.MeetingRecord", verbose_name="会议记录",
                               on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    snapshot = models.JSONField("内容快照")
    reason = models.TextField("修改原因", blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField("操作人姓名", max_length=150, blank=True)
    created_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "记录版本"
        verbose_name_plural = "记录版本"
        ordering = ["record", "number"]
        constraints = [models.UniqueConstraint(fields=["record", "number"],
                                               name="meetings_unique_version")]

    def __str__(self):
        return f"第{self.number}版（{self.record_id}）"
