"""HomePage: latest items per 栏目, highlights, quick links and the 党务公开目录."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count
from django.db.models.functions import Length, Substr
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from caching.memo import memoised

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
        sections = resolver.filter(
            SectionPage.objects.live().child_of(self).filter(show_on_home=True)
            .order_by("home_order", "path")
        )
        return list(sections)

    def latest_by_section(self, resolver, sections):
        """Latest visible articles of each section: one query per section, then one to specialise."""
        blocks, ids = [], []
        for section in sections:
            latest = list(
                resolver.filter(ArticlePage.objects.live().child_of(section))
                .order_by("-date", "-id").values_list("id", flat=True)[:HOME_ITEMS_PER_SECTION]
            )
            blocks.append((section, latest))
            ids.extend(latest)
        specific = {p.pk: p for p in ArticlePage.objects.filter(pk__in=ids).specific()}
        return [
            (section, [(specific[i], resolver.scope_of(specific[i])) for i in latest if i in specific])
            for section, latest in blocks
        ]

    def listings(self, resolver):
        sections = self.home_sections(resolver)
        highlights = [h for h in self.highlights.select_related("page") if h.page_id]
        visible_ids = set(
            resolver.filter(ArticlePage.objects.live().filter(
                pk__in=[h.page_id for h in highlights])).values_list("pk", flat=True)
        )
        return {
            "section_blocks": self.latest_by_section(resolver, sections),
            "highlights": [h for h in highlights if h.page_id in visible_ids],
            "quick_links": [
                link for link in self.quick_links.select_related("link_page")
                if not link.link_page_id or resolver.can_see(link.link_page)
            ],
            "branch_index": BranchIndexPage.objects.live().child_of(self).first(),
        }

    def get_context(self, request, *args, **kwargs):
        from portal.plugins import registry
        from portal.scope import resolver_for

        context = super().get_context(request, *args, **kwargs)
        resolver = resolver_for(request)
        if getattr(request, "is_preview", False):
            context.update(self.listings(resolver))
        else:
            # Listings change only when something is published, withdrawn, moved or
            # restricted: kept per cache generation for all who may see the same pages.
            context.update(memoised("home:listings", (self.pk, tuple(resolver.hidden_paths)),
                                    lambda: self.listings(resolver)))
        # Built only when rendered: the public's panels are a kept fragment.
        context["plugin_panels"] = SimpleLazyObject(lambda: [
            (p, self.plugin_panel_context(p, request))
            for p in registry.enabled() if p.home_panel_template
        ])
        return context

    @staticmethod
    def plugin_panel_context(plugin, request):
        """A plugin's home panel data; for the public, kept per cache generation and day.

        What an anonymous visitor sees depends only on the data (any write to a plugin's
        models moves the generation on) and the date; a member's panel may depend on who
        they are, so it is built for each request.
        """
        if not plugin.home_panel_context:
            return {}
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or getattr(request, "is_preview", False):
            return plugin.home_panel_context(request)
        return memoised("home:plugin-panel", (plugin.name, timezone.localdate()),
                        lambda: plugin.home_panel_context(request))

    def route(self, request, path_components):
        """Find a page below home from its address in one lookup, not one per level.

        Wagtail walks the tree a level at a time (a query for each slug and another to
        specialise each page). url_path already holds the whole address, so the page is
        found by it -- the mapping kept per cache generation -- and fetched once. Addresses
        that are no page's (a routable page's sub-path such as print/, or a 404) take
        Wagtail's walk, which handles them as before.
        """
        if path_components and not getattr(request, "is_preview", False):
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            found = memoised("route", url_path, lambda: Page.objects.filter(
                slug=path_components[-1], url_path=url_path,  # slug: the indexed column
            ).values_list("pk", "content_type_id").first())
            if found is not None:
                model = ContentType.objects.get_for_id(found[1]).model_class()
                page = (next(iter(model.objects.filter(pk=found[0]).order_by()), None)
                        if model else None)
                if page is not None and page.url_path == url_path:
                    return page.route(request, [])
        return super().route(request, path_components)

    def get_cached_paths(self):
        """Addresses the front cache keeps for this page: it and the 党务公开目录."""
        return ["/", "catalogue/"]

    @path("")
    def index_view(self, request):
        return self.render(request)

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
