"""领导点评 (附件四/五): append-only comments with a grade (党员自评 lives on the 承诺书)."""

from django.conf import settings
from django.db import models

from integrity.append_only import AppendOnlyModel

from ..choices import GRADES


class LeaderComment(AppendOnlyModel):
    pledge = models.ForeignKey("commitments.Pledge", verbose_name="承诺书",
                               on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="点评人", null=True,
                               on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField("点评人姓名", max_length=50)
    comment = models.TextField("点评意见", max_length=2000)
    grade = models.CharField("等次", max_length=20, choices=GRADES)
    created_at = models.DateTimeField("点评时间", auto_now_add=True)

    class Meta:
        verbose_name = "领导点评"
        verbose_name_plural = "领导点评"
        ordering = ["pledge", "-created_at", "-id"]

    def __str__(self):
        return f"{self.author_name}：{self.get_grade_display()}"
