"""The member roster (党员名册) of each Party organisation, its 党小组, and pending imports.

A roster entry is a person on an organisation's books, whether or not they have an
account; it is personal data (never shown to the public unmasked, exported on request
through audit.personal_data). Counts that the rules need (应到, member counts) come
from here through roster.api.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

GENDER_CHOICES = [("male", "男"), ("female", "女")]
STATUS_FULL, STATUS_PROBATIONARY = "full", "probationary"
STATUS_CHOICES = [(STATUS_FULL, "正式党员"), (STATUS_PROBATIONARY, "预备党员")]


class PartyGroup(models.Model):
    organisation = models.ForeignKey("pages.BranchPage", verbose_name="党组织",
                                     on_delete=models.CASCADE, related_name="party_groups")
    name = models.CharField("党小组名称", max_length=50)

    class Meta:
        verbose_name = "党小组"
        verbose_name_plural = "党小组"
        ordering = ["organisation__path", "name"]
        constraints = [models.UniqueConstraint(
            fields=["organisation", "name"], name="roster_unique_party_group",
            violation_error_message="本组织已有同名党小组。")]

    def __str__(self):
        return self.name


class RosterEntry(models.Model):
    organisation = models.ForeignKey("pages.BranchPage", verbose_name="党组织",
                                     on_delete=models.PROTECT, related_name="roster_entries")
    name = models.CharField("姓名", max_length=30)
    gender = models.CharField("性别", max_length=10, choices=GENDER_CHOICES)
    birth_month = models.DateField("出生年月", help_text="按月记录，日期取当月1日。")
    joined_on = models.DateField("入党时间")
    status = models.CharField("党员类别", max_length=20, choices=STATUS_CHOICES,
                              default=STATUS_FULL)
    party_group = models.ForeignKey(PartyGroup, verbose_name="所在党小组", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="members")
    contact = models.CharField("联系方式", max_length=50, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="关联账户", null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="roster_entries")
    created_at = models.DateTimeField("登记时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("最后修改", auto_now=True)

    class Meta:
        verbose_name = "党员"
        verbose_name_plural = "党员名册"
        ordering = ["organisation__path", "party_group__name", "name", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["organisation", "name", "birth_month"], name="roster_unique_member",
            violation_error_message="本组织名册中已有同名且出生年月相同的党员。")]
        indexes = [models.Index(fields=["organisation", "joined_on"])]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        from .columns import date_errors

        errors = {}
        today = timezone.localdate()
        for field, label in (("birth_month", "出生年月"), ("joined_on", "入党时间")):
            message = date_errors(getattr(self, field), label, today)
            if message:
                errors[field] = message
        if not errors and self.birth_month and self.joined_on:
            message = date_errors(self.joined_on, "入党时间", today, born=self.birth_month)
            if message:
                errors["joined_on"] = message
        if self.party_group_id and self.organisation_id \
                and self.party_group.organisation_id != self.organisation_id:
            errors["party_group"] = "所选党小组不属于该党组织。"
        if errors:
            raise ValidationError(errors)


class RosterImport(models.Model):
    """A checked upload waiting for confirmation: the clean rows, written in one go."""

    organisation = models.ForeignKey("pages.BranchPage", verbose_name="党组织",
                                     on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    filename = models.CharField("文件名", max_length=200)
    rows = models.JSONField("待导入数据", default=list)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "名册导入"
        verbose_name_plural = "名册导入"

    def __str__(self):
        return self.filename
