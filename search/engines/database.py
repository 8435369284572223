"""The public search on the database backend (search.backends.database).

Each provider's visible queryset (scope applied as a path filter in SQL) is narrowed by
the filters and handed to the backend, so the full-text match, the scope and the filters
are one query; counts are exact. A result page merges the providers' rankings by score
(or date) and loads only that page's objects, one query per provider, so the number of
queries does not grow with the number of hits.

Counts are exact up to the backend's cap (search.backends.database.results.COUNT_CAP);
past it a provider's count is the cap and `outcome.count_capped` is set, shown as
"N 条以上" -- never a number that includes items outside the requester's scope.
"""

import datetime

from django.db.models.functions import ExtractYear
from wagtail.search.backends import get_search_backend

from .. import advanced
from ..analysis import analyse_query, needles
from ..backends.database import results as database_results
from ..providers import all_providers
from .base import SearchEngine, SearchOutcome, page_window
from .hits import card_of, hit_of, prefetch_search_fields


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
    if params.advanced:
        queryset = advanced.apply(provider, queryset, params.advanced)
    return queryset


def _prefetch_search_fields(rows):
    by_provider = {}
    for provider, obj in rows:
        by_provider.setdefault(provider, []).append(obj)
    for provider, objs in by_provider.items():
        prefetch_search_fields(provider, objs)


class DatabaseEngine(SearchEngine):
    @property
    def backend(self):
        return get_search_backend(self.options.get("BACKEND_NAME", "default"))

    def _results(self, provider, queryset, params):
        if params.sort == "date":
            field = provider.date_field or "first_published_at"
            return self.backend.search(params.query, queryset.order_by(f"-{field}", "-pk"),
                                       order_by_relevance=False)
        return self.backend.search(params.query, queryset).annotate_score("_score")

    def search(self, params, resolver, request=None):
        tree = analyse_query(params.query)
        if tree is None:
            return SearchOutcome()
        outcome = SearchOutcome()
        found, years = [], {}
        for provider in [p for p in all_providers() if not params.types or p.key in params.types]:
            queryset = filtered(provider, provider.visible(resolver), params)
            count = 0
            if queryset is not None:
                results = self._results(provider, queryset, params)
                count, capped = self._count(provider, results, years)
                if count:
                    found.append((provider, queryset, results))
                    outcome.count_capped |= capped
            outcome.type_counts[provider.key] = count
        if not outcome.count_capped:
            # Exact year counts need every match; past the count cap they are left out
            # (the year filter still offers every year) rather than guessed.
            outcome.year_counts = {year: n for year, n in years.items() if year}
        outcome.count = sum(outcome.type_counts.values())
        outcome.page, outcome.num_pages, start, stop = page_window(
            outcome.count, params.page, params.per_page)
        if params.sort != "date" and all(hasattr(r, "ranked") for _p, _q, r in found):
            rows = self._by_rank(found, stop)[start:stop]
        else:
            rows = self._by_loading(found, params, stop)[start:stop]
            _prefetch_search_fields(rows)
        marks = needles(tree)
        outcome.hits = [hit_of(card_of(provider, obj, resolver, request), marks)
                        for provider, obj in rows]
        return outcome

    def _count(self, provider, results, years):
        """(count, capped) of one provider's matches; adds its matches per year to `years`.
        One query gives both: the matches (at most the cap + 1) grouped by year."""
        if not hasattr(results, "capped_groups"):  # another backend: its own count
            return results.count(), False
        year = ExtractYear(provider.date_field) if provider.date_field else None
        groups, capped = results.capped_groups(year)
        if capped:
            return database_results.COUNT_CAP, True
        for value, n in groups.items():
            value = None if value is None else int(value)  # PostgreSQL's EXTRACT: a numeric
            years[value] = years.get(value, 0) + n
        return sum(groups.values()), False

    def _by_rank(self, found, stop):
        """[(provider, obj)] of positions [0, stop): every provider's ranking merged, then
        the objects loaded, one query per provider (scope checked again)."""
        ranked = []
        for provider, queryset, results in found:
            for pk, rank in results.ranked(stop):
                ranked.append(((rank, pk), provider, queryset))
        ranked.sort(key=lambda row: row[0], reverse=True)  # ties: newest pk first
        ranked = ranked[:stop]
        wanted = {}
        for (_rank, pk), provider, queryset in ranked:
            wanted.setdefault(provider, (queryset, []))[1].append(pk)
        objects = {}
        for provider, (queryset, pks) in wanted.items():
            objs = list(queryset.order_by().filter(pk__in=pks))
            prefetch_search_fields(provider, objs)
            objects.update(((provider.key, obj.pk), obj) for obj in objs)
        # An object changed between the two queries is left out rather than shown unchecked.
        return [(provider, objects[provider.key, pk]) for (_rank, pk), provider, _q in ranked
                if (provider.key, pk) in objects]

    def _by_loading(self, found, params, stop):
        rows = []
        for provider, _queryset, results in found:
            for obj in results[:stop]:
                if params.sort == "date":
                    key = (provider.date_of(obj) or datetime.date.min, obj.pk)
                else:
                    key = (getattr(obj, "_score", 0.0) or 0.0, obj.pk)
                rows.append((key, provider, obj))
        rows.sort(key=lambda row: row[0], reverse=True)
        return [(provider, obj) for _key, provider, obj in rows]

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
