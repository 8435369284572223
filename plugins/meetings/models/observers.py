"""Seed 000: 观察小组 of two or more people and their 观察评价表 for one meeting."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from ..constants import SCORE_MAX, SCORE_MIN

SCORE_MESSAGE = f"评分须在{SCORE_MIN}至{SCORE_MAX}分之间。"


class ObserverGroup(ClusterableModel):
    organisation = models.ForeignKey("pages.BranchPage", verbose_name="被观摩党组织",
                                     on_delete=models.CASCADE, related_name="observer_groups")
    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("小组名称", max_length=100, blank=True)
    members = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="观察员", related_name="observer_groups",
        help_text="至少2人：机关党委办人员和被观摩支部以外的一名支委。")
    note = models.TextField("观摩安排", blank=True)

    class Meta:
        verbose_name = "观察小组"
        verbose_name_plural = "观察小组"
        ordering = ["-year", "organisation__path"]

    def __str__(self):
        return self.name or f"{self.year}年度{self.organisation.title}观察小组"


def score_field(label):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(SCORE_MIN, SCORE_MESSAGE),
                           MaxValueValidator(SCORE_MAX, SCORE_MESSAGE)])


class ObserverEvaluation(models.Model):
    record = models.ForeignKey("meetings.MeetingRecord", verbose_name="被观摩会议",
                               on_delete=models.PROTECT, related_name="evaluations")
    group = models.ForeignKey(ObserverGroup, verbose_name="观察小组", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="evaluations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="观察员",
                                  on_delete=models.PROTECT, related_name="+")
    leadership_score = score_field("组织领导评分")
    leadership_comment = models.TextField("组织领导评价", blank=True)
    quality_score = score_field("活动质量评分")
    quality_comment = models.TextField("活动质量评价", blank=True)
    effect_score = score_field("活动效果评分")
    effect_comment = models.TextField("活动效果评价", blank=True)
    strengths = models.TextField("肯定成绩", blank=True)
    shortcomings = models.TextField("指出不足", blank=True)
    suggestions = models.TextField("改进意见", blank=True)
    created_at = models.DateTimeField("评价时间", auto_now_add=True)

    class Meta:
        verbose_name = "观察评价"
        verbose_name_plural = "观察评价"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["record", "evaluator"], name="meetings_one_evaluation",
                                    violation_error_message="您已评价过这次会议。"),
            models.CheckConstraint(
                condition=models.Q(leadership_score__gte=SCORE_MIN, leadership_score__lte=SCORE_MAX,
                                   quality_score__gte=SCORE_MIN, quality_score__lte=SCORE_MAX,
                                   effect_score__gte=SCORE_MIN, effect_score__lte=SCORE_MAX),
                name="meetings_score_in_scale", violation_error_message=SCORE_MESSAGE),
        ]

    def __str__(self):
        return f"{self.record}：{self.evaluator}"

    @property
    def average(self):
        return round((self.leadership_score + self.quality_score + self.effect_score) / 3, 2)
