"""A notice marked 需阅知 for an audience (ReadRequest) and each member's 已阅 (ReadConfirmation)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

from .forms import ReadRequestForm

ALL_MEMBERS, ORGANISATIONS = "all", "organisations"
AUDIENCE_CHOICES = [(ALL_MEMBERS, "全体党员"), (ORGANISATIONS, "指定党组织（含下级组织）")]


class ReadRequest(ClusterableModel):
    page = models.OneToOneField(
        "pages.NoticePage", verbose_name="通知", on_delete=models.CASCADE,
        related_name="read_request",
        help_text="党员只能看到其公开范围内的通知；通知发布后才会通知党员阅知。")
    audience = models.CharField("阅知范围", max_length=20, choices=AUDIENCE_CHOICES,
                                default=ALL_MEMBERS)
    organisations = ParentalManyToManyField("pages.BranchPage", verbose_name="党组织",
                                            blank=True, related_name="+")
    deadline = models.DateField("阅知截止日期", null=True, blank=True,
                                help_text="截止前两天仍未确认的党员会再收到一次提醒。")
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="标记人", null=True,
                                   blank=True, editable=False, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField("标记时间", auto_now_add=True)

    base_form_class = ReadRequestForm
    panels = [
        PageChooserPanel("page", "pages.NoticePage"),
        FieldPanel("audience", widget=forms.RadioSelect),
        FieldPanel("organisations", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("note")]),
    ]

    class Meta:
        verbose_name = "需阅知通知"
        verbose_name_plural = "需阅知通知"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.page.title if self.page_id else "需阅知通知"

    def clean(self):
        super().clean()
        if self.deadline and self.deadline < timezone.localdate() and self._state.adding:
            raise ValidationError({"deadline": "阅知截止日期不能早于今天。"})

    @property
    def audience_label(self):
        if self.audience == ALL_MEMBERS:
            return "全体党员"
        return "、".join(o.title for o in self.organisations.all()) or "（未选择党组织）"


class ReadConfirmation(models.Model):
    request = models.ForeignKey(ReadRequest, verbose_name="需阅知通知", on_delete=models.CASCADE,
                                related_name="confirmations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="党员",
                             on_delete=models.CASCADE, related_name="read_confirmations")
    confirmed_at = models.DateTimeField("确认时间", auto_now_add=True)

    class Meta:
        verbose_name = "已阅确认"
        verbose_name_plural = "已阅确认"
        constraints = [models.UniqueConstraint(fields=["request", "user"],
                                               name="ack_one_confirmation_per_member")]

    def __str__(self):
        return f"{self.user} 已阅 {self.request}"
