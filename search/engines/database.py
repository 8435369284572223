"""The public search on the database backend (search.backends.database).

Each provider's visible queryset (scope applied as a path filter in SQL) is
narrowed by the filters and handed to the backend, so the full-text match,
the scope and the filters are one query; counts are exact. Result pages merge
the providers' top rows by score (or date).

Counts are exact up to the backend's cap (search.backends.database.results.COUNT_CAP);
past it a provider's count is the cap and `outcome.count_capped` is set, shown
as "N 条以上" -- never a number that includes items outside the requester's scope.
"""

import contextvars
import dataclasses
import datetime

from django.db.models.functions import ExtractYear
from wagtail.search.backends import get_search_backend

from caching.memo import memoised, reading_generation

from .. import advanced
from ..analysis import analyse_query, needles
from ..backends.database import results as database_results
from ..providers import all_providers
from .base import SearchEngine, SearchOutcome, page_window
from .hits import Cards, hit_of, prefetch_search_fields
from .plans import NO_MATCH, ProviderSearch, count_together, scope_sql, share_many_matches


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


MEMO_NAME = "search:outcome"
MEMO_ENTRIES = 500  # per worker and generation; an outcome is one page of hits, a few KiB
# Off for one call (the throughput benchmark's cold figure): use_memo.set(False).
use_memo = contextvars.ContextVar("search_use_memo", default=True)


def memo_key(tree, params, resolver, request):
    """The key an outcome is kept under, or None when it must not be shared.

    Only anonymous requesters share outcomes: what they may see is fixed by the hidden
    subtrees (a password restriction passed in the session changes those), while a
    member's plugin items (承诺书, 通报) also depend on their groups. The query is keyed
    by its analysed form, so spacing and full-width variants share an entry; the host
    is part of the key because result URLs depend on the request's site."""
    user = getattr(resolver, "user", None)
    if user is not None and user.is_authenticated:
        return None
    host = request.get_host() if request is not None else None
    return (host, tuple(resolver.hidden_paths), tree, tuple(params.types),
            getattr(params.section, "pk", None), getattr(params.organisation, "pk", None),
            params.year, params.tag, params.sort, params.page, params.per_page, params.advanced)


def _kept(outcome):
    # Kept outcomes hold what the page and the API show, not the model instances.
    outcome.hits = [dataclasses.replace(hit, obj=None) for hit in outcome.hits]
    return outcome


def _prefetch_search_fields(rows):
    by_provider = {}
    for _key, provider, obj in rows:
        by_provider.setdefault(provider, []).append(obj)
    for provider, objs in by_provider.items():
        prefetch_search_fields(provider, objs)


def _year(provider):
    return ExtractYear(provider.date_field) if provider.date_field else None


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

    def _provider_search(self, provider, params, resolver):
        """The provider's part of the search, or None when it cannot match the filters."""
        def build():
            return filtered(provider, provider.visible(resolver), params)
        scope, queryset = scope_sql(provider, params, resolver, build)
        if scope == NO_MATCH:
            return None
        return ProviderSearch(self.backend, provider, params, build, scope, queryset)

    def search(self, params, resolver, request=None):
        tree = analyse_query(params.query)
        if tree is None:
            return SearchOutcome()
        key = memo_key(tree, params, resolver, request)
        if key is None or not use_memo.get():
            return self._search(tree, params, resolver, request)
        return memoised(MEMO_NAME, key, lambda: _kept(self._search(tree, params, resolver, request)),
                        max_entries=MEMO_ENTRIES)

    def _search(self, tree, params, resolver, request):
        generation = reading_generation()  # before any read: kept hit cards must match it
        outcome = SearchOutcome()
        found, years = [], {}
        searches = [(provider, self._provider_search(provider, params, resolver))
                    for provider in self.selected(params)]
        active = [search for _provider, search in searches if search is not None]
        count_together(active, [_year(search.provider) for search in active])
        for provider, search in searches:
            count, capped = 0, False
            if search is not None:
                count, capped = self._count(search, years)
            outcome.type_counts[provider.key] = count
            if count:
                found.append(search)
                outcome.count_capped |= capped
        if not outcome.count_capped:
            # Exact year counts need every match; past the count cap they are left out
            # (the year filter still offers every year) rather than guessed.
            outcome.year_counts = {year: n for year, n in years.items() if year}
        outcome.count = sum(outcome.type_counts.values())
        share_many_matches(found)
        outcome.page, outcome.num_pages, start, stop = page_window(
            outcome.count, params.page, params.per_page)
        cards = Cards(resolver, request, generation)
        if params.sort != "date" and all(search.rankable for search in found):
            # Rank first, then read only the page's objects that have no kept card.
            order, known = self._cards_by_rank(self._rows_by_rank(found, stop)[start:stop], cards)
        else:
            rows = self._rows_by_loading(found, params, stop)[start:stop]
            _prefetch_search_fields(rows)
            order = [(provider.key, obj.pk) for _key, provider, obj in rows]
            known = {(provider.key, obj.pk): cards.build(provider, obj)
                     for _key, provider, obj in rows}
        marks = needles(tree)
        # An object changed between the ranking and its loading has no card: left out
        # rather than shown unchecked.
        outcome.hits = [hit_of(known[key], marks) for key in order if key in known]
        return outcome

    def _cards_by_rank(self, ranked, cards):
        """(order, {(provider key, pk): card}) of the ranked page of rows: kept cards,
        and for the others their objects loaded (scope checked again) and prefetched."""
        order = [(provider.key, pk) for (_rank, pk), provider, _search in ranked]
        known = cards.kept((provider, pk) for (_rank, pk), provider, _search in ranked)
        missing = [row for row in ranked if (row[1].key, row[0][1]) not in known]
        if missing:
            rows = self._load(missing)
            _prefetch_search_fields(rows)
            for _key, provider, obj in rows:
                known[provider.key, obj.pk] = cards.build(provider, obj)
        return order, known

    def _count(self, search, years):
        """(count, capped) of one provider's matches; adds its matches per year to `years`.

        One query gives both: the matches (at most the cap + 1) grouped by year."""
        provider = search.provider
        if search.plan is None and not hasattr(search.results, "capped_groups"):
            results = search.results
            return results.count(), bool(getattr(results, "count_capped", False))
        groups, capped = search.groups(_year(provider))
        if capped:
            return database_results.COUNT_CAP, True
        for value, n in groups.items():
            years[value] = years.get(value, 0) + n
        return sum(groups.values()), False

    def _rows_by_loading(self, found, params, stop):
        rows = []
        for search in found:
            provider = search.provider
            for obj in search.results[:stop]:
                if params.sort == "date":
                    key = (provider.date_of(obj) or datetime.date.min, obj.pk)
                else:
                    key = (getattr(obj, "_score", 0.0) or 0.0, obj.pk)  # ties: newest pk first, as the backend
                rows.append((key, provider, obj))
        rows.sort(key=lambda row: row[0], reverse=True)
        return rows

    def _rows_by_rank(self, found, stop):
        """Every provider's ranking merged, as ((rank, pk), provider, search) rows.

        A later tier's row (the body matches after the title matches) ranks below every
        first-tier row of every provider, so when the providers' first tiers together
        fill positions [0, stop) no later tier is read."""
        ranked = {search: search.ranked(stop, first_tier_only=True) for search in found}
        if sum(map(len, ranked.values())) < stop:
            ranked = {search: search.ranked(stop) for search in found}
        rows = []
        for search, pairs in ranked.items():
            for pk, rank in pairs:
                rows.append(((rank, pk), search.provider, search))
        rows.sort(key=lambda row: row[0], reverse=True)  # ties: newest pk first, as the backend
        return rows

    def _load(self, rows):
        wanted = {}
        for (_rank, pk), provider, search in rows:
            wanted.setdefault(provider, (search, []))[1].append(pk)
        objects = {}
        for provider, (search, pks) in wanted.items():
            for obj in search.load(pks):
                objects[provider, obj.pk] = obj
        # An object changed between the two queries is left out rather than shown unchecked.
        return [(key, provider, objects[provider, key[1]]) for key, provider, _search in rows
                if (provider, key[1]) in objects]

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
