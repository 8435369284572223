"""HomePage: latest items per 栏目, highlights, quick links and the 党务公开目录."""

from functools import partial

from django.db import models
from django.db.models import Count
from django.db.models.functions import Length, Substr
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from .article import ArticlePage
from .branch import BranchIndexPage
from .querysets import PortalPageManager
from .section import SectionPage

HOME_ITEMS_PER_SECTION = 6


class HomePage(RoutablePageMixin, Page):
    objects = PortalPageManager()

    banner_title = models.CharField("横幅标题", max_length=100, blank=True)
    banner_text = models.CharField("横幅说明", max_length=200, blank=True)
    organisation_name = models.CharField(
        "党组织全称", max_length=100, blank=True, help_text="显示在页头，例如：中共××市财政局机关委员会"
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.SectionPage", "pages.BranchIndexPage"]
    max_count_per_parent = 1

    @classmethod
    def clean_subpage_models(cls):
        """The core's own types, and those the enabled plugins add (Plugin.home_page_types)."""
        from portal.plugins import registry

        models = super().clean_subpage_models()
        return [*models, *(m for m in registry.home_page_models() if m not in models)]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("banner_title"), FieldPanel("banner_text")],
            heading="页头",
        ),
        InlinePanel("highlights", label="重点推荐", max_num=6),
        InlinePanel("quick_links", label="快捷入口", max_num=12),
    ]

    class Meta:
        verbose_name = "首页"

    def home_sections(self, resolver):
        return list(resolver.filter(
            SectionPage.objects.live().child_of(self).filter(show_on_home=True)
            .order_by("home_order", "path")))

    def latest_by_section(self, resolver, sections):
        """The latest visible articles of each section: one indexed query per section (plain
        ArticlePage rows: a listing shows only their common fields)."""
        articles = resolver.filter(ArticlePage.objects.live()).order_by("-date", "-id")
        blocks = []
        for section in sections:
            latest = articles.child_of(section)[:HOME_ITEMS_PER_SECTION]
            blocks.append((section, [(article, resolver.scope_of(article)) for article in latest]))
        return blocks

    def get_context(self, request, *args, **kwargs):
        from portal.plugins import registry
        from portal.scope import resolver_for

        context = super().get_context(request, *args, **kwargs)
        resolver = resolver_for(request)
        # The core's listings are read only when the template renders them, not when it
        # serves them from `{% cache %}` (keyed per audience: home_page.html).
        context.update({
            "section_blocks": SimpleLazyObject(
                lambda: self.latest_by_section(resolver, self.home_sections(resolver))),
            "highlights": SimpleLazyObject(lambda: list(
                self.highlights.filter(page__live=True).filter(resolver.visible_q("page__"))
                .select_related("page"))),
            "quick_links": SimpleLazyObject(lambda: [
                link for link in self.quick_links.select_related("link_page")
                if not link.link_page_id or resolver.can_see(link.link_page)
            ]),
            "branch_index": SimpleLazyObject(
                lambda: BranchIndexPage.objects.live().child_of(self).first()),
            # Lazy too: each bundled plugin's panel template keeps what is the same for
            # an audience with `{% cache %}` (e.g. cases/home_panel.html).
            "plugin_panels": [
                (plugin, SimpleLazyObject(partial(plugin.home_panel_context, request))
                 if plugin.home_panel_context else {})
                for plugin in registry.home_panels()
            ],
        })
        return context

    def get_cached_paths(self):
        """Addresses the front cache keeps for this page: it and the 党务公开目录."""
        return ["/", "catalogue/"]

    @path("catalogue/", name="catalogue")
    def catalogue_view(self, request):
        """党务公开目录: every 栏目 with what it discloses, to whom and when."""
        from portal.scope import resolver_for

        resolver = resolver_for(request)
        sections = list(resolver.filter(
            SectionPage.objects.live().descendant_of(self).order_by("path")))
        # One grouped query: visible live articles counted by their parent's path.
        counts = dict(
            resolver.filter(ArticlePage.objects.live().descendant_of(self))
            .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
            .values("parent_path").annotate(n=Count("pk")).values_list("parent_path", "n")
            .order_by()
        )
        rows = [(s, resolver.scope_of(s), counts.get(s.path, 0)) for s in sections]
        # Page.get_context, not ours: the catalogue shows none of the home page's listings.
        context = Page.get_context(self, request)
        context["rows"] = rows
        return TemplateResponse(request, "pages/home_page_catalogue.html", context)


class HomeHighlight(Orderable):
    home = ParentalKey(HomePage, related_name="highlights", on_delete=models.CASCADE)
    page = models.ForeignKey("pages.ArticlePage", verbose_name="推荐内容", on_delete=models.CASCADE,
                             related_name="+")

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "重点推荐"


class HomeQuickLink(Orderable):
    home = ParentalKey(HomePage, related_name="quick_links", on_delete=models.CASCADE)
    title = models.CharField("名称", max_length=30)
    link_page = models.ForeignKey("wagtailcore.Page", verbose_name="站内页面", null=True,
                                  blank=True, on_delete=models.CASCADE, related_name="+")
    link_url = models.CharField("链接地址", max_length=300, blank=True,
                                help_text="站外链接或站内路径，与“站内页面”二选一")

    panels = [FieldPanel("title"), FieldPanel("link_page"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        verbose_name = "快捷入口"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.link_page_id and not self.link_url:
            raise ValidationError("请选择站内页面或填写链接地址。")

    @property
    def url(self):
        return self.link_page.url if self.link_page_id else self.link_url
