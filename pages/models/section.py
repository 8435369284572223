"""SectionPage (栏目): lists its articles newest first, paginated."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Page

from caching.memo import memoised

from .article import ArticlePage
from .querysets import PortalPageManager

PAGE_SIZE = 15


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of results; a bad or out-of-range ?page= falls back to a valid page."""
    return paginate_with(Paginator(queryset, per_page), request)


def paginate_with(paginator, request):
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class _Rows:
    """Stands in for a listing's rows when only their number is known (kept per
    generation): Paginator then validates ?page= and counts pages without a query."""

    def __init__(self, count):
        self._count = count

    def count(self):
        return self._count

    def __getitem__(self, key):
        return []


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
        # The count, each page's items and the sub-栏目 change only when something is
        # published, withdrawn, moved or restricted: kept per cache generation, for
        # everyone who may see the same pages.
        hidden = tuple(resolver.hidden_paths)
        count = memoised("section:count", (self.pk, hidden),
                         lambda: self.visible_articles(request).count())
        page_obj = paginate_with(Paginator(_Rows(count), PAGE_SIZE), request)

        def items():
            # The queryset is built only here: on a kept page, not even that is needed.
            start = (page_obj.number - 1) * PAGE_SIZE
            rows = self.visible_articles(request)[start:start + PAGE_SIZE]
            ids = list(rows.values_list("pk", flat=True))
            found = (ArticlePage.objects.filter(pk__in=ids).specific()
                     .order_by("-date", "-id").select_related("organisation"))
            return [(item, resolver.scope_of(item)) for item in found]

        context["items"] = memoised("section:items", (self.pk, hidden, page_obj.number), items,
                                    max_entries=200)  # the first pages are the ones read
        page_obj.object_list = context["items"]
        context["page_obj"] = page_obj
        context["subsections"] = memoised("section:subsections", (self.pk, hidden), lambda: list(
            resolver.filter(SectionPage.objects.live().child_of(self).order_by("path"))))
        return context
