"""InnovationCasePage: one 创新案例, an ArticlePage with structured fields.

Being an ArticlePage (date, summary, organisation, tags) it appears in the
core's listings, feeds, tag pages and site search like any other article.
"""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import BodyStreamBlock
from pages.models import ArticlePage

from ..choices import (
    FIELD_CHOICES,
    RECOMMEND_NORMAL,
    RECOMMENDATION_CHOICES,
    TYPE_CHOICES,
)


class InnovationCasePage(RoutablePageMixin, ArticlePage):
    organisation_name = models.CharField(
        "单位名称", max_length=200, blank=True,
        help_text="站外单位填写名称；本站党组织请在“所属党组织”中选择。")
    region = models.CharField("地区", max_length=100, blank=True)
    field = models.CharField("领域", max_length=20, choices=FIELD_CHOICES, default="organ",
                             db_index=True)
    innovation_type = models.CharField("创新类型", max_length=20, choices=TYPE_CHOICES,
                                       default="method", db_index=True)
    background = models.TextField("背景", blank=True)
    practice = StreamField(BodyStreamBlock(), verbose_name="主要做法", blank=True)
    results = models.TextField("成效", blank=True)
    lessons = models.TextField("启示", blank=True)
    source = models.CharField("来源", max_length=200, blank=True)
    recommendation = models.PositiveSmallIntegerField(
        "推荐等级", choices=RECOMMENDATION_CHOICES, default=RECOMMEND_NORMAL, db_index=True)
    content_hash = models.CharField("内容指纹", max_length=64, blank=True, db_index=True,
                                    editable=False)

    type_label = "创新案例"
    parent_page_types = ["cases.CaseLibraryPage"]
    subpage_types = []

    content_panels = ArticlePage.content_panels + [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("organisation_name")]),
            FieldRowPanel([FieldPanel("region"), FieldPanel("date")]),
            FieldRowPanel([FieldPanel("field"), FieldPanel("innovation_type"),
                           FieldPanel("recommendation")]),
            FieldPanel("source"),
            FieldPanel("tags"),
        ], heading="案例信息"),
        FieldPanel("summary"),
        FieldPanel("background"),
        FieldPanel("practice"),
        FieldPanel("results"),
        FieldPanel("lessons"),
        InlinePanel("attachments", label="附件"),
    ]
    search_fields = ArticlePage.search_fields + [
        index.SearchField("organisation_name"),
        index.SearchField("region"),
        index.SearchField("background"),
        index.SearchField("practice"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.FilterField("field"),
        index.FilterField("innovation_type"),
    ]

    class Meta:
        verbose_name = "创新案例"
        verbose_name_plural = "创新案例"

    @property
    def organisation_label(self):
        if self.organisation_id:
            return self.organisation.title
        return self.organisation_name

    def search_excerpt(self):
        from search.excerpts import stream_text

        parts = (self.summary, self.background, stream_text(self.practice), self.results,
                 self.lessons)
        return " ".join(part for part in parts if part)

    def search_meta(self):
        return [self.organisation_label, self.region]

    def get_context(self, request, *args, **kwargs):
        from portal.scope import resolver_for

        from ..related import related_cases

        context = super().get_context(request, *args, **kwargs)
        resolver = resolver_for(request)
        context["related"] = related_cases(self, resolver)
        context["library"] = self.get_parent().specific
        context["attachments"] = list(self.attachments.select_related("document"))
        context["nav_current"] = "cases:index"  # the plugin's entry in the main navigation
        return context

    def get_cached_paths(self):
        return ["/", "print/"]

    @path("print/", name="print")
    def print_view(self, request):
        return self.render(request, template="cases/innovation_case_page_print.html",
                           context_overrides={"print_mode": True})


class CaseAttachment(Orderable):
    page = ParentalKey(InnovationCasePage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name="文件",
                                 on_delete=models.CASCADE, related_name="+")
    title = models.CharField("显示名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"

    @property
    def label(self):
        return self.title or self.document.title
