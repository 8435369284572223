"""CaseLibraryPage (创新案例库) and its 专题 (CaseTopic) collections."""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

PRINT_LIMIT = 200


class CaseLibraryPage(RoutablePageMixin, Page):
    intro = models.TextField("简介", blank=True, max_length=1000)
    per_page = models.PositiveSmallIntegerField("每页条数", default=15)

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["cases.InnovationCasePage"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("per_page"),
        InlinePanel("topics", label="专题"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "创新案例库"
        verbose_name_plural = "创新案例库"

    def visible_cases(self, resolver):
        """The live cases of this library the resolver's user may see.

        Same rows as resolver.filter(...) on the library's children, in a cheaper form:
        cases are leaves directly under the library, so a hidden path hides the whole
        library when it is the library or an ancestor, one case when it lies inside,
        and nothing here otherwise. An exact-path exclusion replaces one
        NOT LIKE per restriction on every row (tests/plugins/cases/test_scope.py
        checks the two agree).
        """
        from .case import InnovationCasePage

        cases = InnovationCasePage.objects.live().child_of(self).select_related("organisation")
        hidden = resolver.hidden_paths
        if any(self.path.startswith(path) for path in hidden):
            return cases.none()
        inside = [path for path in hidden if path.startswith(self.path) and path != self.path]
        if inside:
            cases = cases.exclude(path__in=inside)
        return cases

    def visible_summaries(self, resolver):
        """The CaseSummary rows of the cases visible_cases() returns (same scope rule)."""
        from .summary import CaseSummary

        rows = CaseSummary.objects.filter(library=self)
        hidden = resolver.hidden_paths
        if any(self.path.startswith(path) for path in hidden):
            return rows.none()
        inside = [path for path in hidden if path.startswith(self.path) and path != self.path]
        if inside:
            rows = rows.exclude(path__in=inside)
        return rows

    def visible_topics(self, resolver=None):
        """专题 links, each with `count`: the cases the visitor may see carrying any of its
        tags, all topics counted in one query (None without a resolver)."""
        from ..facets import topic_counts

        topics = list(self.topics.all())
        counts = {}
        if resolver is not None and topics:
            counts = topic_counts(self.visible_summaries(resolver), topics)
        for topic in topics:
            topic.count = counts.get(topic.pk)
        return topics

    def browse(self, request, topic=None, template=None, limit=None):
        from portal.scope import resolver_for

        from ..browse import browse

        resolver = resolver_for(request)
        state = browse(self, request.GET, resolver, topic=topic, limit=limit)
        context = {"state": state, "topic": topic, "topics": self.visible_topics(resolver),
                   "resolver": resolver, "nav_current": "cases:index"}
        return self.render(request, template=template, context_overrides=context)

    @path("")
    def index_view(self, request):
        return self.browse(request)

    @path("topic/<slug:slug>/", name="topic")
    def topic_view(self, request, slug):
        topic = self.topics.filter(slug=slug).first()
        if topic is None:
            return redirect(self.url)
        return self.browse(request, topic=topic, template="cases/case_library_topic.html")

    @path("print/", name="print")
    def print_view(self, request):
        return self.browse(request, template="cases/case_library_page_print.html",
                           limit=PRINT_LIMIT)


class CaseTopic(Orderable):
    """A 专题: the library's cases carrying one of the topic's tags."""

    library = ParentalKey(CaseLibraryPage, related_name="topics", on_delete=models.CASCADE)
    title = models.CharField("专题名称", max_length=100)
    slug = models.SlugField("网址标识", max_length=60, allow_unicode=False)
    description = models.TextField("专题说明", blank=True, max_length=500)
    tag_names = models.CharField(
        "包含标签", max_length=300,
        help_text="用顿号或逗号分隔；带有其中任一标签的案例归入本专题，例如：三会一课、主题党日")

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("description"),
              FieldPanel("tag_names")]

    class Meta(Orderable.Meta):
        verbose_name = "专题"
        verbose_name_plural = "专题"

    def __str__(self):
        return self.title

    @property
    def tags(self):
        import re

        return [t.strip() for t in re.split(r"[、,，;；\s]+", self.tag_names or "") if t.strip()]

    def clean(self):
        if not self.tags:
            raise ValidationError({"tag_names": "请至少填写一个标签。"})
