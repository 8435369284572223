"""Exact matches first, then the matches found only through a synonym.

analyse_query() ORs a query with its synonym variants (search.analysis.synonyms), so
counts and facets cover both. For relevance order this wrapper puts every item that
matches the query as typed before any item that matches only a variant, on any engine:

1. the exact search, up to the end of the requested page (synonyms off);
2. if it holds fewer items than that, the expanded search far enough to fill the page
   once the exact items are left out (they come first).

A query without synonyms, or sorted by date, is one ordinary search; so is every query on
an engine that ranks synonyms itself (Elasticsearch with its synonym_graph analyzer: one
search ranks exact matches first, see search.backends.elasticsearch.synonyms).
"""

import dataclasses

from ..analysis.synonyms import variants, without_synonyms
from .base import page_window


def search(engine, params, resolver, request=None):
    """(outcome, [(term, replacement)]) of `params` on `engine`."""
    found = variants(params.query)
    pairs = [(term, other) for term, other, _variant in found]
    expanded = engine.search(params, resolver, request)
    if (not found or params.sort == "date" or not expanded.count
            or getattr(engine, "ranks_synonyms", lambda: False)()):
        return expanded, pairs
    page, _num_pages, start, stop = page_window(expanded.count, params.page, params.per_page)
    top = dataclasses.replace(params, page=1, per_page=stop)
    with without_synonyms():
        exact = engine.search(top, resolver, request)
    hits = list(exact.hits[:stop])
    if len(hits) < stop and exact.count < stop:
        # every exact match is in `hits`; fill up from the expanded ranking without them
        wider = engine.search(dataclasses.replace(params, page=1, per_page=stop + len(hits)),
                              resolver, request)
        seen = {hit.url for hit in hits}
        hits += [hit for hit in wider.hits if hit.url not in seen][:stop - len(hits)]
    outcome = dataclasses.replace(expanded, hits=hits[start:stop], page=page)
    return outcome, pairs
