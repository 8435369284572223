"""The public search on Elasticsearch (selected when ELASTICSEARCH_URL is set).

One multi-search request gives the page of hits and each type's count (exact up to the
count cap, as on the database backends), with the requester's scope inside every part
(search.backends.elasticsearch.queries.scope_filters, fed by the shared ScopeResolver);
when no count reaches the cap, a second request counts the matches per year. The page's
items are then loaded from the database, one query per type through each provider's
`visible()` -- so an item re-scoped or withdrawn since it was indexed is left out -- and
shown exactly as the database engine shows them: the same titles, dates, scope labels and
highlighted snippets.

A query holding a synonym term takes the same requests: its page is ranked inside that one
search with every match of the query as typed (in the title, then elsewhere) above every
match found only through a variant, whether the index expands synonyms itself (its
synonym_graph analyzer) or the query carries its variants (search.backends.elasticsearch:
synonyms.match_clause, queries._exact_tiers).

Elasticsearch down or too slow: the client's error, which the search page answers with
503 and 检索服务暂时不可用 (search.views).
"""

from elasticsearch.dsl import MultiSearch
from wagtail.search.backends import get_search_backend

from ..analysis import analyse_query, needles
from ..analysis.query import analyse_with_terms
from ..analysis.synonyms import variants, without_synonyms
from ..backends.database import results as database_results
from ..backends.elasticsearch.queries import (
    build_counts,
    build_search,
    build_suggest,
    build_years,
)
from ..providers import all_providers
from .base import MAX_PAGES, SearchEngine, SearchOutcome, page_window
from .hits import card_of, hit_of, prefetch_search_fields


def _loaded(hits, resolver, prefetch=True):
    """[(provider, obj)] of Elasticsearch hits, in their order: one query per provider,
    through its visible() queryset, so nothing outside the requester's scope is ever
    loaded; a hit withdrawn or re-scoped since it was indexed is left out."""
    providers = {p.key: p for p in all_providers()}
    rows = [(providers[hit.type], int(hit.object_id)) for hit in hits if hit.type in providers]
    wanted = {}
    for provider, pk in rows:
        wanted.setdefault(provider, []).append(pk)
    found = {}
    for provider, pks in wanted.items():
        objs = list(provider.visible(resolver).filter(pk__in=pks))
        if prefetch:  # snippets read each hit's search fields
            prefetch_search_fields(provider, objs)
        for obj in objs:
            found[provider.key, obj.pk] = obj
    return [(provider, found[provider.key, pk]) for provider, pk in rows
            if (provider.key, pk) in found]


class ElasticsearchEngine(SearchEngine):
    @property
    def backend(self):
        return get_search_backend(self.options.get("BACKEND_NAME", "elasticsearch"))

    def _execute(self, search):
        """Run a Search or MultiSearch on this backend's client."""
        return search.using(self.backend.client).execute()

    def _trees(self, query):
        """(tree, synonym tree or None, the phrases to highlight). With the synonym_graph
        analyzer the query is searched as typed, plus, when it holds a synonym term, with
        those terms kept whole for Elasticsearch to expand; otherwise the tree carries the
        variants (query-time expansion, as on the database backends). Either way the one
        search ranks exact matches first (queries.match_clause / queries._exact_tiers)."""
        expanded = analyse_query(query)
        if not self.backend.synonym_graph_ready():
            return expanded, None, needles(expanded)
        with without_synonyms():
            tree = analyse_query(query)
        terms = [term for term, _other, _variant in variants(query)]
        synonym_tree = analyse_with_terms(query, terms) if terms else None
        return tree, synonym_tree, needles(expanded)

    def search(self, params, resolver, request=None):
        tree, synonym_tree, marks = self._trees(params.query)
        outcome = SearchOutcome()
        if tree is None:
            return outcome
        keys = [p.key for p in all_providers() if not params.types or p.key in params.types]
        index, cap = self.backend.index_name, database_results.COUNT_CAP
        params.page = min(max(1, params.page), MAX_PAGES)  # as page_window serves
        multi = MultiSearch(index=index).add(
            build_search(index, tree, params, resolver, synonym_tree))
        for count in build_counts(index, tree, params, resolver, keys, cap, synonym_tree):
            multi = multi.add(count)
        page, *counts = self._execute(multi)
        for key, response in zip(keys, counts, strict=True):
            total = response.hits.total.value
            outcome.type_counts[key] = min(total, cap)
            outcome.count_capped |= total > cap
        outcome.count = sum(outcome.type_counts.values())
        if outcome.count and not outcome.count_capped:
            years = self._execute(build_years(index, tree, params, resolver, synonym_tree))
            outcome.year_counts = {int(b.key): b.doc_count
                                   for b in years.aggregations.years.buckets}
        outcome.page, outcome.num_pages, _start, _stop = page_window(
            outcome.count, params.page, params.per_page)
        if outcome.page != params.page:  # past the last page: serve the last one
            params.page = outcome.page
            page = self._execute(build_search(index, tree, params, resolver, synonym_tree))
        outcome.hits = [hit_of(card_of(provider, obj, resolver, request), marks)
                        for provider, obj in _loaded(page.hits, resolver)]
        return outcome

    def suggest(self, query, resolver, request=None, limit=8):
        tree = analyse_query(query, autocomplete=True)
        if tree is None:
            return []
        response = self._execute(build_suggest(self.backend.index_name, tree, resolver,
                                               limit))
        return [{"title": obj.title, "url": provider.url_of(obj, request),
                 "type": provider.key, "type_label": provider.label}
                for provider, obj in _loaded(response.hits, resolver, prefetch=False)]
