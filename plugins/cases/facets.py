"""Facet counts of a case queryset, each facet one GROUP BY query.

Every function takes the already scope-filtered queryset, so a case the
requester may not see is never counted. No query runs per facet value.
"""

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from pages.models import ArticleTag

from .choices import FIELD_CHOICES, TYPE_CHOICES

MAX_TAGS = 30


def _grouped(queryset, column):
    rows = queryset.order_by().values(column).annotate(_n=Count("pk"))
    return {row[column]: row["_n"] for row in rows}


def field_counts(queryset):
    counts = _grouped(queryset, "field")
    return [(key, label, counts[key]) for key, label in FIELD_CHOICES if counts.get(key)]


def type_counts(queryset):
    counts = _grouped(queryset, "innovation_type")
    return [(key, label, counts[key]) for key, label in TYPE_CHOICES if counts.get(key)]


def year_counts(queryset):
    rows = (queryset.order_by().annotate(_year=ExtractYear("date")).values("_year")
            .annotate(_n=Count("pk")).order_by("-_year"))
    return [(row["_year"], row["_n"]) for row in rows if row["_year"]]


def tag_counts(queryset, limit=MAX_TAGS):
    rows = (ArticleTag.objects.filter(content_object_id__in=queryset.order_by().values("pk"))
            .values("tag__name").annotate(_n=Count("content_object_id", distinct=True))
            .order_by("-_n", "tag__name")[:limit])
    return [(row["tag__name"], row["_n"]) for row in rows]


def all_facets(queryset):
    return {
        "field": field_counts(queryset),
        "type": type_counts(queryset),
        "year": year_counts(queryset),
        "tag": tag_counts(queryset),
    }


def topic_counts(queryset, topics):
    """{topic pk: visible cases carrying any of its tags}, one aggregate query for all topics."""
    if not topics:
        return {}
    aggregates = {}
    for topic in topics:
        if topic.tags:
            aggregates[f"t{topic.pk}"] = Count(
                "pk", filter=Q(tagged_items__tag__name__in=topic.tags), distinct=True)
    if not aggregates:
        return {}
    row = queryset.order_by().aggregate(**aggregates)
    return {topic.pk: row.get(f"t{topic.pk}") or 0 for topic in topics}
