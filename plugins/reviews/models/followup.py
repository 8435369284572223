"""整改台账: problems the review found, the measures taken and their follow-up."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from ..constants import RECTIFY_DONE, RECTIFY_IN_PROGRESS, RECTIFY_STATUSES


class Rectification(models.Model):
    campaign = models.ForeignKey("reviews.Campaign", verbose_name="评议活动",
                                 on_delete=models.CASCADE, related_name="rectifications")
    target = models.ForeignKey("reviews.CampaignTarget", verbose_name="评议对象",
                               on_delete=models.PROTECT, related_name="rectifications")
    problem = models.TextField("存在问题", max_length=1000)
    measure = models.TextField("整改措施", max_length=1000)
    responsible = models.CharField("责任人", max_length=40, blank=True)
    deadline = models.DateField("完成时限")
    status = models.CharField("整改状态", max_length=20, choices=RECTIFY_STATUSES,
                              default=RECTIFY_IN_PROGRESS)
    progress = models.TextField("跟踪情况", blank=True, max_length=2000)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("campaign"), FieldPanel("target")]),
        FieldPanel("problem"), FieldPanel("measure"),
        FieldRowPanel([FieldPanel("responsible"), FieldPanel("deadline")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("completed_on")]),
        FieldPanel("progress"),
    ]

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改台账"
        ordering = ["deadline", "id"]

    def __str__(self):
        return f"{self.target}：{self.problem[:20]}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.target_id and self.campaign_id and self.target.campaign_id != self.campaign_id:
            raise ValidationError({"target": "评议对象不属于所选评议活动。"})
        if self.status == RECTIFY_DONE and not self.completed_on:
            self.completed_on = timezone.localdate()

    @property
    def is_overdue(self):
        return self.status != RECTIFY_DONE and self.deadline < timezone.localdate()

    @property
    def status_text(self):
        return "已逾期" if self.is_overdue else self.get_status_display()
