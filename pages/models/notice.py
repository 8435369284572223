"""NoticePage (通知公告): a disclosed notice with the metadata government notices carry."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from ..blocks import BodyStreamBlock
from .article import ArticlePage

CATEGORY_CHOICES = [
    ("organisation", "组织建设"),
    ("ideology", "思想建设"),
    ("conduct", "作风建设"),
    ("discipline", "纪律建设"),
    ("system", "制度建设"),
    ("education", "党员教育管理"),
    ("dues", "党费收缴使用"),
    ("excellence", "创先争优"),
    ("other", "其他"),
]

VALIDITY_CHOICES = [("valid", "有效"), ("repealed", "已废止"), ("expired", "已失效")]

# 鼎发〔2020〕55号; brackets typed as [2020], (2020) or 【2020】 are normalised.
DOC_NUMBER_RE = re.compile(r"^[^\s〔〕]{1,20}〔(\d{4})〕\d{1,5}号$")
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "(": "〔", ")": "〕",
                           "（": "〔", "）": "〕", "［": "〔", "］": "〕"})


def normalise_document_number(value):
    return value.strip().translate(_BRACKETS).replace(" ", "")


class NoticePage(RoutablePageMixin, ArticlePage):
    index_number = models.CharField(
        "索引号",
        max_length=60,
        unique=True,
        blank=True,
        null=True,
        help_text="留空将自动生成，格式为“前缀/年份-流水号”。",
        error_messages={"unique": "该索引号已被其他通知使用，请修改或留空自动生成。"},
    )
    category = models.CharField("主题分类", max_length=20, choices=CATEGORY_CHOICES,
                                default="organisation")
    issuing_authority = models.CharField("发文机关", max_length=100, blank=True)
    document_number = models.CharField("发文字号", max_length=50, blank=True,
                                       help_text="例如：鼎发〔2020〕55号")
    addressee = models.CharField("主送", max_length=200, blank=True,
                                 help_text="例如：各党（总）支部")
    written_date = models.DateField("成文日期", null=True, blank=True)
    source = models.CharField("来源", max_length=100, blank=True, default="本网")
    keywords = models.CharField("主题词", max_length=200, blank=True,
                                help_text="多个主题词以空格分隔")
    validity = models.CharField("有效性", max_length=10, choices=VALIDITY_CHOICES,
                                default="valid")
    body = StreamField(BodyStreamBlock(), verbose_name="正文")
    signature = models.TextField("落款", blank=True,
                                 help_text="发文单位和日期，每行一项")

    type_label = "通知公告"
    exclude_fields_in_copy = ["index_number"]
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []

    content_panels = ArticlePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("index_number"), FieldPanel("category")]),
                FieldRowPanel([FieldPanel("issuing_authority"), FieldPanel("document_number")]),
                FieldPanel("addressee"),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("date")]),
                FieldRowPanel([FieldPanel("source"), FieldPanel("validity")]),
                FieldPanel("keywords"),
                FieldPanel("organisation"),
            ],
            heading="公文信息",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件"),
        FieldPanel("signature"),
        FieldPanel("tags"),
    ]

    search_fields = ArticlePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("document_number"),
        index.SearchField("issuing_authority"),
        index.SearchField("keywords"),
        index.SearchField("index_number"),
        index.FilterField("category"),
        index.RelatedFields("attachments", [index.SearchField("title")]),
    ]

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"

    def clean(self):
        super().clean()
        errors = {}
        if self.written_date and self.date and self.written_date > self.date:
            errors["written_date"] = "成文日期不能晚于发布日期。"
        if self.document_number:
            self.document_number = normalise_document_number(self.document_number)
            if not DOC_NUMBER_RE.match(self.document_number):
                errors["document_number"] = "发文字号格式应为“机关代字〔年份〕序号号”，例如：鼎发〔2020〕55号。"
        if self.index_number:
            self.index_number = self.index_number.strip()
        if errors:
            raise ValidationError(errors)

    # -- 索引号 -----------------------------------------------------------------
    @classmethod
    def next_index_number(cls, prefix, year):
        stem = f"{prefix}/{year}-"
        taken = cls.objects.filter(index_number__startswith=stem).values_list(
            "index_number", flat=True
        )
        numbers = [int(n[len(stem):]) for n in taken if n[len(stem):].isdigit()]
        return f"{stem}{(max(numbers) + 1) if numbers else 1:05d}"

    def _index_prefix(self):
        from portal.models import PortalSettings

        site = self.get_site() if self.pk or self.path else None
        try:
            settings = PortalSettings.for_site(site) if site else PortalSettings.objects.first()
        except Exception:  # no site yet (e.g. during tree creation)
            settings = None
        return (settings.index_prefix if settings and settings.index_prefix else "DW")

    def save(self, *args, **kwargs):
        if self.index_number:
            return super().save(*args, **kwargs)
        # Two editors saving at once may race for the same number: retry.
        year = (self.date or timezone.localdate()).year
        prefix = self._index_prefix()
        for _attempt in range(5):
            self.index_number = self.next_index_number(prefix, year)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                continue
        raise IntegrityError("无法生成唯一的索引号，请稍后重试。")

    # -- display helpers -------------------------------------------------------
    @property
    def signature_lines(self):
        return [line for line in self.signature.splitlines() if line.strip()]

    def search_meta(self):
        """栏目 and 发文机关; never 索引号, 发文字号 or 主题词, which are indexed but not excerpted."""
        return super().search_meta() + [self.issuing_authority]

    def get_cached_paths(self):
        """Addresses the front cache keeps for this notice (caching/frontcache.py)."""
        return ["/", "print/"]

    @path("print/", name="print")
    def print_view(self, request):
        return self.render(request, template="pages/notice_page_print.html",
                           context_overrides={"print_mode": True})

    def neighbours(self, resolver):
        """(previous, next) notice in this 栏目 by date, among those `resolver` may see."""
        siblings = resolver.filter(
            NoticePage.objects.live().sibling_of(self, inclusive=False)
        ).only("id", "title", "url_path", "date", "path", "depth")
        # Same date first, then the dates before/after: two index-friendly lookups each
        # instead of one OR that scans the whole 栏目. All four always run, so the query
        # count does not depend on the content.
        same_before = siblings.filter(date=self.date, id__lt=self.id).order_by("-id").first()
        before = siblings.filter(date__lt=self.date).order_by("-date", "-id").first()
        same_after = siblings.filter(date=self.date, id__gt=self.id).order_by("id").first()
        after = siblings.filter(date__gt=self.date).order_by("date", "id").first()
        return same_before or before, same_after or after

    def get_context(self, request, *args, **kwargs):
        from portal.scope import resolver_for

        from .stats import PageViewCount

        context = super().get_context(request, *args, **kwargs)
        resolver = resolver_for(request)
        # Read only when the template renders them, not when it serves them from
        # `{% cache %}` (keyed per audience: notice_page.html).
        context["attachments"] = SimpleLazyObject(
            lambda: list(self.attachments.select_related("document")))
        # The page's view beacon replaces this with the fresh count once the page loads.
        context["view_count"] = SimpleLazyObject(lambda: PageViewCount.count_for(self))
        context["share_url"] = SimpleLazyObject(
            lambda: request.build_absolute_uri(self.get_url(request)))
        neighbours = SimpleLazyObject(lambda: self.neighbours(resolver))
        context["previous_notice"] = SimpleLazyObject(lambda: neighbours[0])
        context["next_notice"] = SimpleLazyObject(lambda: neighbours[1])
        return context


class NoticeAttachment(Orderable):
    page = ParentalKey(NoticePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("附件名称", max_length=200, blank=True,
                             help_text="留空则使用文件标题")

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    @property
    def display_title(self):
        return self.title or self.document.title

    def __str__(self):
        return self.display_title
