"""Seed 000: 观察小组 of two or more people and their 观察评价表 for one meeting.

The group rule (at least two observers, not all from the observed organisation) lives
here, in the model: ObserverGroup.clean() reports it to forms and ObserverGroup.save()
refuses to write a group that breaks it, so the admin, the demo loader, imports and
any script go through the same check. Membership changes that bypass save() (through
the user side of the relation, a fixture, deleting an observer's account) are checked
by the receivers in observer_guards.py.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from ..constants import SCORE_MAX, SCORE_MIN

SCORE_MESSAGE = f"评分须在{SCORE_MIN}至{SCORE_MAX}分之间。"
MIN_OBSERVERS = 2
TOO_FEW = "观察小组至少由2名观察员组成（现有{n}名）。"
ALL_INSIDERS = "观察员不能全部来自被观摩的党组织本身，须有机关党委办人员或其他支部的支委。"
NO_BULK = "观察小组须逐个保存（连同观察员），以便核验至少2名观察员，不能批量创建。"


def observer_problems(organisation, members):
    """Chinese messages for an observer group of `members` observing `organisation`.

    An empty list means the group is fine. `members` are user objects (or pks).
    """
    pks = {getattr(m, "pk", m) for m in members}
    if len(pks) < MIN_OBSERVERS:
        return [TOO_FEW.format(n=len(pks))]
    if organisation is not None and organisation.members_group_id:
        insiders = get_user_model().objects.filter(
            pk__in=pks, groups=organisation.members_group_id).count()
        if insiders == len(pks):
            return [ALL_INSIDERS]
    return []


class ObserverGroupQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        raise ValidationError(NO_BULK)


class ObserverGroup(ClusterableModel):
    organisation = models.ForeignKey("pages.BranchPage", verbose_name="被观摩党组织",
                                     on_delete=models.CASCADE, related_name="observer_groups")
    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("小组名称", max_length=100, blank=True)
    # blank=True: the model's own rule (two or more) replaces the form's "required".
    members = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="观察员", related_name="observer_groups",
        blank=True, help_text="至少2人：机关党委办人员和被观摩支部以外的一名支委。")
    note = models.TextField("观摩安排", blank=True)

    objects = ObserverGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "观察小组"
        verbose_name_plural = "观察小组"
        ordering = ["-year", "organisation__path"]

    def __str__(self):
        return self.name or f"{self.year}年度{self.organisation.title}观察小组"

    def member_problems(self, members=None):
        """observer_problems() for the members this group would have if saved now."""
        organisation = self.organisation if self.organisation_id else None
        return observer_problems(organisation, self.members.all() if members is None else members)

    def clean(self):
        super().clean()
        problems = self.member_problems()
        if problems:
            raise ValidationError({"members": problems})

    def save(self, *args, **kwargs):
        """Write the group and its observers together, or nothing if the rule is broken."""
        problems = self.member_problems()
        if problems:
            raise ValidationError({"members": problems})
        with transaction.atomic():
            # The membership receivers skip the intermediate states of this commit: the
            # final set was checked above.
            self._saving_members = True
            try:
                super().save(*args, **kwargs)
            finally:
                self._saving_members = False


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
