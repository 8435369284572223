"""公开承诺书 (附件一 for organisations, 附件二 for members) and its revisions.

A 承诺书's content is edited as a revision (a JSON snapshot of its items);
the items the public sees change only when a revision is approved (审定), so an
edit after approval is a new revision that needs approval again while the
approved version stays public.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from wagtail.search import index

from audit.constants import erased_username
from portal.scope import ORGANISATION, PUBLIC

from ..choices import (
    APPROVED,
    DRAFT,
    MEMBER_PLEDGE,
    ORGANISATION_PLEDGE,
    PLEDGE_KINDS,
    RETURNED,
    REVISION_STATES,
    SCOPES,
    SUBMITTED,
)
from .ledger import ERASED_MEMBER


class Pledge(index.Indexed, models.Model):
    period = models.ForeignKey("commitments.Period", verbose_name="承诺期",
                               on_delete=models.PROTECT, related_name="pledges")
    kind = models.CharField("承诺主体", max_length=20, choices=PLEDGE_KINDS)
    organisation = models.ForeignKey(
        "pages.BranchPage", verbose_name="党组织", on_delete=models.PROTECT,
        related_name="commitment_pledges",
        help_text="党组织承诺为承诺单位；党员承诺为党员所在党组织")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="承诺人", null=True,
                               blank=True, on_delete=models.PROTECT,
                               related_name="commitment_pledges")
    scope = models.CharField("公开范围", max_length=20, choices=SCOPES, default=PUBLIC)
    state = models.CharField("审定状态", max_length=20, choices=REVISION_STATES, default=DRAFT)
    published_revision = models.PositiveIntegerField("已公开版本", default=0)
    published_at = models.DateTimeField("公开示诺时间", null=True, blank=True)
    self_assessment = models.TextField("党员自评", blank=True, max_length=2000)
    self_assessed_at = models.DateTimeField("自评时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起草人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    search_fields = [
        index.SearchField("title"),
        index.SearchField("self_assessment"),
        index.RelatedFields("items", [index.SearchField("content"), index.SearchField("measures")]),
        index.FilterField("published_revision"),
        index.FilterField("scope"),
        index.FilterField("organisation"),
        index.FilterField("period"),
    ]

    class Meta:
        verbose_name = "公开承诺书"
        verbose_name_plural = "公开承诺书"
        ordering = ["period", "organisation__path", "kind", "member__username"]
        permissions = [
            ("approve_pledge", "可审定承诺书"),
            ("comment_pledge", "可点评承诺书"),
            ("import_ledger", "可导入承诺践诺台账"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["period", "organisation"],
                                    condition=Q(kind=ORGANISATION_PLEDGE),
                                    name="commitments_one_org_pledge_per_period"),
            models.UniqueConstraint(fields=["period", "member"],
                                    condition=Q(kind=MEMBER_PLEDGE),
                                    name="commitments_one_member_pledge_per_period"),
            models.CheckConstraint(
                condition=(Q(kind=ORGANISATION_PLEDGE, member__isnull=True)
                           | Q(kind=MEMBER_PLEDGE, member__isnull=False)),
                name="commitments_member_iff_member_pledge"),
        ]
        indexes = [models.Index(fields=["published_revision", "scope"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("commitments:pledge", args=[self.pk])

    @property
    def is_member_pledge(self):
        return self.kind == MEMBER_PLEDGE

    @property
    def pledger_name(self):
        """承诺单位/承诺人 as the 台账 writes it."""
        if self.is_member_pledge:
            return member_display_name(self.member)
        return self.organisation.title

    @property
    def title(self):
        who = self.pledger_name
        if self.is_member_pledge:
            who = f"{self.organisation.title} {who}"
        return f"{who}{self.period.name}公开承诺书"

    @property
    def is_published(self):
        return self.published_revision > 0

    # -- what a search hit shows (search/excerpts.py) ---------------------------------
    def search_excerpt(self):
        """Each 承诺事项 numbered with its 践诺措施, one after another, then the 自评."""
        items = [f"{n}. {item.content}（践诺措施：{item.measures.strip()}）"
                 for n, item in enumerate(self.items.all(), start=1) if not item.withdrawn]
        if self.self_assessment:
            items.append(f"党员自评：{self.self_assessment}")
        return "；".join(items)

    def search_meta(self):
        return [self.period.name, self.organisation.title if self.is_member_pledge else ""]

    @property
    def annex_label(self):
        return "附件二" if self.is_member_pledge else "附件一"

    def latest_revision(self):
        return self.revisions.order_by("-number").first()

    def pending_revision(self):
        """The revision being drafted or awaiting 审定, if any."""
        return self.revisions.filter(state__in=(DRAFT, SUBMITTED, RETURNED)).order_by(
            "-number").first()

    def scope_object(self):
        from portal.scope import Scope

        if self.scope == ORGANISATION:
            return Scope(ORGANISATION, (self.organisation.title,))
        return Scope(self.scope)


def member_display_name(user):
    if user is None:
        return ""
    if user.get_username() == erased_username(user.pk):
        return ERASED_MEMBER
    return user.get_full_name() or user.get_username()


def member_label(first_name, last_name, username, user_id):
    """承诺人 from values() rows (the ledger page, the XLSX export)."""
    if username == erased_username(user_id):
        return ERASED_MEMBER
    return f"{first_name}{last_name}".strip() or username


class PledgeRevision(models.Model):
    pledge = models.ForeignKey(Pledge, verbose_name="承诺书", on_delete=models.CASCADE,
                               related_name="revisions")
    number = models.PositiveIntegerField("版本")
    state = models.CharField("状态", max_length=20, choices=REVISION_STATES, default=DRAFT)
    items = models.JSONField("承诺事项", default=list)
    scope = models.CharField("公开范围", max_length=20, choices=SCOPES, default=PUBLIC)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="起草人", null=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审定人", null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审定时间", null=True, blank=True)
    note = models.TextField("审定意见", blank=True, max_length=1000)

    class Meta:
        verbose_name = "承诺书版本"
        verbose_name_plural = "承诺书版本"
        ordering = ["pledge", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "number"],
                                    name="commitments_revision_unique_number"),
        ]

    def __str__(self):
        return f"{self.pledge} 第{self.number}版"

    @property
    def is_editable(self):
        return self.state in (DRAFT, RETURNED)

    @property
    def is_pending(self):
        return self.state == SUBMITTED

    @property
    def is_approved(self):
        return self.state == APPROVED
