"""CaseSummary: one small row per live case, what the library page filters, counts and sorts.

A case is an InnovationCasePage: its facet fields sit in three tables (the page, the
article, the case). The library page reads this one narrow table instead — scope by exact
path, facets by one GROUP BY, the page of results by an index in the page's order — and
joins the tag table only for tags. The row is written from the stored (published) page
whenever a case is saved, published, unpublished or moved (summary.py in the plugin), and
`python manage.py rebuild_case_summaries` rebuilds them all.
"""

from django.db import models


class CaseSummary(models.Model):
    page = models.OneToOneField("cases.InnovationCasePage", primary_key=True,
                                on_delete=models.CASCADE, related_name="+")
    library = models.ForeignKey("cases.CaseLibraryPage", on_delete=models.CASCADE,
                                related_name="+", db_index=False)
    path = models.CharField(max_length=255)  # the page's tree path: scope by exact path
    field = models.CharField(max_length=20)
    innovation_type = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField(null=True)
    date = models.DateField(null=True)
    recommendation = models.PositiveSmallIntegerField(default=1)

    page_cache_neutral = True  # follows the pages, whose own changes empty the cache

    class Meta:
        verbose_name = "案例索引行"
        verbose_name_plural = "案例索引行"
        indexes = [
            # Facet counts: an index-only scan per library.
            models.Index(fields=["library", "field", "innovation_type", "year"],
                         name="cases_summary_facets"),
            # The two orders of the list: 推荐优先 and 按日期.
            models.Index(fields=["library", "-recommendation", "-date", "-page"],
                         name="cases_summary_recommended"),
            models.Index(fields=["library", "-date", "-page"], name="cases_summary_recent"),
        ]

    def __str__(self):
        return f"{self.page_id} {self.field}/{self.innovation_type}/{self.year}"
