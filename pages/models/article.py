"""ArticlePage: the dated, taggable base of notices, experience cases and plugin articles.

It is a concrete table (multi-table inheritance) so a 栏目 can list, order and
paginate children of every article type in one query.
"""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.models import Page
from wagtail.search import index

from .querysets import PortalPageManager


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(Page):
    objects = PortalPageManager()

    date = models.DateField("发布日期", db_index=True)
    summary = models.TextField("摘要", blank=True, max_length=500)
    organisation = models.ForeignKey(
        "pages.BranchPage",
        verbose_name="所属党组织",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager("标签", through=ArticleTag, blank=True)

    is_creatable = False
    type_label = "文章"

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = "文章"
        ordering = ["-date", "-id"]
        # Every listing, feed and previous/next link orders by (date, id).
        indexes = [models.Index(fields=["date", "page_ptr"], name="pages_article_date_id")]

    def get_context(self, request, *args, **kwargs):
        """Every article page shows its 公开范围 (`scope`), as the requester's resolver sees it."""
        from portal.scope import resolver_for

        context = super().get_context(request, *args, **kwargs)
        context["scope"] = resolver_for(request).scope_of(self)
        return context

    # -- what a search hit shows (search/excerpts.py) ---------------------------------
    def search_excerpt(self):
        from search.excerpts import stream_text

        return " ".join(part for part in (self.summary, stream_text(getattr(self, "body", None)))
                        if part)

    def search_meta(self):
        """The 栏目 the article is filed under (a page of search hits reads all their
        parents' titles in one query: search.engines.hits.prefetch_search_fields)."""
        title = getattr(self, "parent_title", None)
        if title is None:
            title = Page.objects.filter(path=self.path[:-self.steplen]).values_list(
                "title", flat=True).first()
        return [title] if title else []
