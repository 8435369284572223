"""评议活动: the campaign, its targets (organisations and members) and its criteria."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from ..admin_forms import CampaignAdminForm
from ..constants import (
    DEFAULT_CRITERIA,
    DEFAULT_FLAG_THRESHOLD,
    KIND_MEMBER,
    KIND_ORGANISATION,
    MODE_DEVICE,
    PUBLIC_MODES,
    PUBLICATION_SCOPES,
    SCOPE_ORGANISATION,
    SCOPE_PUBLIC,
    TARGET_KIND_LABELS,
    TARGET_KINDS,
)

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
STATUS_LABELS = {UPCOMING: "未开始", OPEN: "进行中", CLOSED: "已结束"}


class CampaignQuerySet(models.QuerySet):
    def open_now(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Campaign(index.Indexed, ClusterableModel):
    title = models.CharField("活动名称", max_length=120)
    slug = models.SlugField("网址标识", max_length=60, unique=True,
                            help_text="用于网址，如 2026-h1；只能包含字母、数字和连字符。")
    period = models.CharField("评议期间", max_length=40, help_text="如：2026年上半年")
    intro = models.TextField("评议说明", blank=True, max_length=2000)
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("截止时间")
    public_mode = models.CharField(
        "群众参与方式", max_length=20, choices=PUBLIC_MODES, default=MODE_DEVICE,
        help_text="党员一律凭本人账户登录参加；群众凭纸质评议码或以设备为单位参加。")
    allow_comments = models.BooleanField("允许填写意见建议", default=True)
    ask_contact = models.BooleanField("允许留下联系电话（选填，加密保存）", default=True)
    publication_scope = models.CharField("结果公开范围", max_length=20,
                                         choices=PUBLICATION_SCOPES, default=SCOPE_PUBLIC)
    scope_organisation = models.ForeignKey(
        "pages.BranchPage", verbose_name="本组织公开的组织", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text="公开范围为“本组织公开”时必填：只有该组织的党员可以查看通报。")
    flag_threshold = models.PositiveSmallIntegerField(
        "整改警示线（满意率%）", default=DEFAULT_FLAG_THRESHOLD,
        help_text="满意率低于此值的评议对象在统计表中标注，需制定整改措施。")
    bulletin = models.TextField("通报正文", blank=True, max_length=5000,
                                help_text="随统计表一同发布的通报文字。")
    results_published_at = models.DateTimeField("通报发布时间", null=True, blank=True,
                                                editable=False)
    published_table = models.JSONField("发布时的统计结果", null=True, blank=True, editable=False)
    published_digest = models.CharField("统计结果摘要（SHA-256）", max_length=64, blank=True,
                                        editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = CampaignQuerySet.as_manager()
    base_form_class = CampaignAdminForm

    panels = [
        MultiFieldPanel([
            FieldPanel("title"), FieldRowPanel([FieldPanel("period"), FieldPanel("slug")]),
            FieldPanel("intro"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        ], heading="基本信息"),
        MultiFieldPanel([
            FieldPanel("public_mode"),
            FieldRowPanel([FieldPanel("allow_comments"), FieldPanel("ask_contact")]),
        ], heading="参与方式"),
        InlinePanel("targets", heading="评议对象", label="评议对象", min_num=1),
        InlinePanel("criteria", heading="评价指标", label="评价指标",
                    help_text="留空时按通知要求自动使用默认指标；收到评议后不能再修改。"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("publication_scope"), FieldPanel("scope_organisation")]),
            FieldPanel("flag_threshold"), FieldPanel("bulletin"),
        ], heading="结果通报"),
    ]

    # Searchable once published: search/providers.py narrows to what the reader may see.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("period"),
        index.SearchField("intro"),
        index.SearchField("bulletin"),
        index.RelatedFields("targets", [index.SearchField("name")]),
        index.FilterField("id"),
        index.FilterField("closes_at"),
        index.FilterField("results_published_at"),
        index.FilterField("publication_scope"),
    ]

    class Meta:
        verbose_name = "评议活动"
        verbose_name_plural = "评议活动"
        ordering = ["-opens_at"]
        permissions = [
            ("view_results", "查看评议统计（含进行中的实时统计）"),
            ("publish_results", "发布评议通报"),
        ]

    def __str__(self):
        return f"{self.title}（{self.period}）"

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = "截止时间必须晚于开始时间。"
        if self.publication_scope == SCOPE_ORGANISATION and not self.scope_organisation_id:
            errors["scope_organisation"] = "公开范围为“本组织公开”时，请选择组织。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.add_default_criteria()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("reviews:results", args=[self.slug])

    # -- what a search hit shows (search/excerpts.py) ---------------------------------
    def search_excerpt(self):
        return " ".join(part for part in (self.bulletin, self.intro) if part)

    def search_meta(self):
        return [self.period]

    # -- state -------------------------------------------------------------------------
    def status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return UPCOMING
        if now >= self.closes_at:
            return CLOSED
        return OPEN

    @property
    def status_label(self):
        return STATUS_LABELS[self.status()]

    @property
    def is_open(self):
        return self.status() == OPEN

    @property
    def is_closed(self):
        return self.status() == CLOSED

    @property
    def is_published(self):
        return self.results_published_at is not None

    def has_responses(self):
        return self.pk is not None and self.responses.exists()

    # -- targets and criteria ------------------------------------------------------------
    def target_kinds(self):
        kinds = {t.kind for t in self.targets.all()}
        return [k for k, _ in TARGET_KINDS if k in kinds]

    def criteria_for(self, kind):
        """The criteria of one target kind, in the order their answers are stored."""
        return sorted((c for c in self.criteria.all() if c.target_kind == kind),
                      key=lambda c: (c.sort_order or 0, c.pk or 0))

    def add_default_criteria(self):
        """A target kind without criteria gets seed 004's list (editable afterwards)."""
        targets = list(self.targets.all())
        for target in targets:
            target.fill_kind()
        existing = {c.target_kind for c in self.criteria.all()}
        added = []
        for kind in {t.kind for t in targets} - existing:
            added += [Criterion(target_kind=kind, name=name, sort_order=i)
                      for i, name in enumerate(DEFAULT_CRITERIA[kind])]
        if added:
            self.criteria.add(*added)


class CampaignTarget(Orderable):
    campaign = ParentalKey(Campaign, related_name="targets", on_delete=models.CASCADE)
    kind = models.CharField("类型", max_length=20, choices=TARGET_KINDS, editable=False)
    organisation = models.ForeignKey(
        "pages.BranchPage", verbose_name="党组织", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="党员", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    name = models.CharField("显示名称", max_length=80, blank=True,
                            help_text="留空时使用组织名称或党员姓名。")

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("member")]),
              FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = "评议对象"
        verbose_name_plural = "评议对象"

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        if bool(self.organisation_id) == bool(self.member_id):
            raise ValidationError("每个评议对象须选择一个党组织或一名党员（二选一）。")

    def fill_kind(self):
        self.kind = KIND_ORGANISATION if self.organisation_id else KIND_MEMBER
        if not self.name:
            if self.organisation_id:
                self.name = self.organisation.title
            elif self.member_id:
                self.name = self.member.get_full_name() or self.member.get_username()

    def save(self, *args, **kwargs):
        self.fill_kind()
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.name or str(self.organisation or self.member or "")

    @property
    def kind_label(self):
        return TARGET_KIND_LABELS.get(self.kind, "")


class Criterion(Orderable):
    campaign = ParentalKey(Campaign, related_name="criteria", on_delete=models.CASCADE)
    target_kind = models.CharField("适用对象", max_length=20, choices=TARGET_KINDS,
                                   default=KIND_ORGANISATION)
    name = models.CharField("指标名称", max_length=40)
    description = models.CharField("说明", max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("target_kind"), FieldPanel("name")]),
              FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "评价指标"
        verbose_name_plural = "评价指标"

    def __str__(self):
        return self.name


__all__ = ["Campaign", "CampaignTarget", "Criterion", "UPCOMING", "OPEN", "CLOSED",
           "KIND_MEMBER", "KIND_ORGANISATION"]
