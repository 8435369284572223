"""Facet counts by aggregation: field, type and year in one GROUP BY, tags in another.

Every function takes the already scope-filtered queryset, so a case the
requester may not see is never counted. No query runs per facet value.
The queryset is either of CaseSummary rows (the library page: one narrow table,
models/summary.py) or of InnovationCasePage (search results inside the library).
"""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from pages.models import ArticleTag

from .choices import FIELD_CHOICES, TYPE_CHOICES

MAX_TAGS = 20


def _is_summary(queryset):
    from .models import CaseSummary

    return queryset.model is CaseSummary


def _case_ids(queryset):
    return queryset.order_by().values("page_id" if _is_summary(queryset) else "pk")


def grouped_counts(queryset):
    """{(field, innovation_type, year): n} in one GROUP BY query (at most a few hundred rows)."""
    if _is_summary(queryset):
        rows = (queryset.order_by().values("field", "innovation_type", "year")
                .annotate(_n=Count("*")))
        return {(row["field"], row["innovation_type"], row["year"]): row["_n"] for row in rows}
    rows = (queryset.order_by().annotate(_year=ExtractYear("date"))
            .values("field", "innovation_type", "_year").annotate(_n=Count("pk")))
    return {(row["field"], row["innovation_type"], row["_year"]): row["_n"] for row in rows}


def _rollup(groups, position):
    totals = {}
    for key, n in groups.items():
        totals[key[position]] = totals.get(key[position], 0) + n
    return totals


def field_counts(queryset, groups=None):
    counts = _rollup(grouped_counts(queryset) if groups is None else groups, 0)
    return [(key, label, counts[key]) for key, label in FIELD_CHOICES if counts.get(key)]


def type_counts(queryset, groups=None):
    counts = _rollup(grouped_counts(queryset) if groups is None else groups, 1)
    return [(key, label, counts[key]) for key, label in TYPE_CHOICES if counts.get(key)]


def year_counts(queryset, groups=None):
    counts = _rollup(grouped_counts(queryset) if groups is None else groups, 2)
    return sorted(((year, n) for year, n in counts.items() if year), reverse=True)


def tag_counts(queryset, limit=MAX_TAGS):
    rows = (ArticleTag.objects.filter(content_object_id__in=_case_ids(queryset))
            .values("tag__name").annotate(_n=Count("pk"))  # taggit keeps one row per (case, tag)
            .order_by("-_n", "tag__name")[:limit])
    return [(row["tag__name"], row["_n"]) for row in rows]


def all_facets(queryset):
    """Every facet plus the total: two queries (field × type × year, then tags)."""
    groups = grouped_counts(queryset)
    return {
        "field": field_counts(queryset, groups),
        "type": type_counts(queryset, groups),
        "year": year_counts(queryset, groups),
        "tag": tag_counts(queryset),
        "total": sum(groups.values()),
    }


def topic_counts(queryset, topics):
    """{topic pk: number of cases carrying any of its tags}, all topics in one query."""
    if not topics:
        return {}
    tagged = ArticleTag.objects.filter(content_object_id__in=_case_ids(queryset))
    counts = tagged.aggregate(**{
        f"t{topic.pk}": Count("content_object_id", distinct=True,
                              filter=Q(tag__name__in=topic.tags or [""]))
        for topic in topics})
    return {topic.pk: counts[f"t{topic.pk}"] for topic in topics}
