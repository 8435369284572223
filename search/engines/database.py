"""The public search on the database backend (search.backends.database).

Each provider's visible queryset (scope applied as a path filter in SQL) is
narrowed by the filters and handed to the backend, so the full-text match,
the scope and the filters are one query; counts are exact. Result pages merge
the providers' top rows by score (or date).

Counts are exact up to the backend's cap (search.backends.database.results.COUNT_CAP);
past it a provider's count is the cap and `outcome.count_capped` is set, shown
as "N 条以上" -- never a number that includes items outside the requester's scope.
"""

import datetime

from django.db.models import Count
from django.db.models.functions import ExtractYear
from wagtail.search.backends import get_search_backend

from ..analysis import analyse_query, needles
from ..backends.database.indexer import RawDocument
from ..providers import all_providers
from .base import SearchEngine, SearchOutcome, make_hit, page_window


def filtered(provider, queryset, params):
    """The provider's queryset narrowed by the filters, or None if it cannot match them."""
    steps = [
        (params.section, provider.in_section),
        (params.organisation, provider.of_organisation),
        (params.year, provider.in_year),
        (params.tag, provider.tagged),
    ]
    for value, apply in steps:
        if value:
            queryset = apply(queryset, value)
            if queryset is None:
                return None
    return queryset


class DatabaseEngine(SearchEngine):
    backend_name = "default"

    @property
    def backend(self):
        return get_search_backend(self.options.get("BACKEND_NAME", self.backend_name))

    def selected(self, params):
        providers = all_providers()
        if params.types:
            providers = [p for p in providers if p.key in params.types]
        return providers

    def _results(self, provider, params, resolver):
        queryset = filtered(provider, provider.visible(resolver), params)
        if queryset is None:
            return None, None
        by_date = params.sort == "date"
        if by_date:
            field = provider.date_field or "first_published_at"
            queryset = queryset.order_by(f"-{field}", "-pk")
        results = self.backend.search(params.query, queryset, order_by_relevance=not by_date)
        return queryset, results if by_date else results.annotate_score("_score")

    def search(self, params, resolver, request=None):
        tree = analyse_query(params.query)
        outcome = SearchOutcome()
        if tree is None:
            return outcome
        found = []
        for provider in self.selected(params):
            queryset, results = self._results(provider, params, resolver)
            count = results.count() if results is not None else 0
            outcome.type_counts[provider.key] = count
            if count:
                found.append((provider, queryset, results))
                outcome.count_capped |= bool(getattr(results, "count_capped", False))
        if not outcome.count_capped:
            # Exact year counts read every match; past the count cap they are left out
            # (the year filter still offers every year) rather than guessed.
            for provider, queryset, _results in found:
                self._count_years(provider, params.query, queryset, outcome.year_counts)
        found = [(provider, results) for provider, _queryset, results in found]
        outcome.count = sum(outcome.type_counts.values())
        outcome.page, outcome.num_pages, start, stop = page_window(
            outcome.count, params.page, params.per_page)
        rows = []
        for provider, results in found:
            for obj in results[:stop]:
                if params.sort == "date":
                    key = (provider.date_of(obj) or datetime.date.min, obj.pk)
                else:
                    key = (getattr(obj, "_score", 0.0) or 0.0, obj.pk)  # ties: newest pk first, as the backend
                rows.append((key, provider, obj))
        rows.sort(key=lambda row: row[0], reverse=True)
        marks = needles(tree)
        outcome.hits = [
            make_hit(provider, obj, marks, RawDocument(obj).body_raw, resolver, request)
            for _key, provider, obj in rows[start:stop]
        ]
        return outcome

    def _count_years(self, provider, query, queryset, year_counts):
        results = self.backend.search(query, queryset.order_by(), order_by_relevance=False)
        if not provider.date_field or not hasattr(results, "get_queryset"):
            return
        matched = results.get_queryset()
        years = (matched.order_by().annotate(_year=ExtractYear(provider.date_field))
                 .values("_year").annotate(_n=Count("pk", distinct=True)))
        for row in years:
            if row["_year"]:
                year_counts[row["_year"]] = year_counts.get(row["_year"], 0) + row["_n"]

    def suggest(self, query, resolver, request=None, limit=8):
        if analyse_query(query, autocomplete=True) is None:
            return []
        rows = []
        for provider in all_providers():
            queryset = provider.visible(resolver)
            results = self.backend.autocomplete(query, queryset).annotate_score("_score")
            for obj in results[:limit]:
                rows.append((getattr(obj, "_score", 0.0) or 0.0, provider, obj))
        rows.sort(key=lambda row: row[0], reverse=True)
        return [{"title": obj.title, "url": provider.url_of(obj, request),
                 "type": provider.key, "type_label": provider.label}
                for _score, provider, obj in rows[:limit]]
