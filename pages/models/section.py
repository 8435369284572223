"""SectionPage (栏目): lists its articles newest first, paginated."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Page

from .article import ArticlePage
from .querysets import PortalPageManager

PAGE_SIZE = 15


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of results; a bad or out-of-range ?page= falls back to a valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


class SectionPage(Page):
    objects = PortalPageManager()

    intro = models.TextField("栏目说明", blank=True, max_length=500)
    show_on_home = models.BooleanField("在首页显示", default=True)
    home_order = models.PositiveSmallIntegerField("首页排序", default=0)
    disclosure_note = models.CharField(
        "公开时限说明", max_length=200, blank=True,
        help_text="党务公开目录中显示，例如：事项形成或变更后20个工作日内公开",
    )

    parent_page_types = ["pages.HomePage", "pages.SectionPage"]
    subpage_types = ["pages.NoticePage", "pages.ExperienceCasePage", "pages.SectionPage"]
    type_label = "栏目"

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("disclosure_note"),
        FieldRowPanel([FieldPanel("show_on_home"), FieldPanel("home_order")]),
    ]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def visible_articles(self, request):
        from portal.scope import resolver_for

        articles = ArticlePage.objects.live().child_of(self).order_by("-date", "-id")
        return resolver_for(request).filter(articles)

    def get_context(self, request, *args, **kwargs):
        from portal.scope import resolver_for

        context = super().get_context(request, *args, **kwargs)
        resolver = resolver_for(request)

        def listing():
            # Plain ArticlePage rows: a listing shows only their common fields.
            page_obj = paginate(request, self.visible_articles(request))
            page_obj.object_list = [(item, resolver.scope_of(item))
                                    for item in page_obj.object_list]
            return page_obj

        # Read only when the template renders them, not when it serves them from
        # `{% cache %}` (keyed per audience: section_page.html).
        page_obj = SimpleLazyObject(listing)
        context["page_obj"] = page_obj
        context["items"] = SimpleLazyObject(lambda: page_obj.object_list)
        context["subsections"] = SimpleLazyObject(lambda: list(resolver.filter(
            SectionPage.objects.live().child_of(self).order_by("path"))))
        return context
