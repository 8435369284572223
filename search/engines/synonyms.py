"""Exact matches first, then the matches found only through a synonym.

analyse_query() ORs a query with its synonym variants (search.analysis.synonyms), so
counts and facets cover both. Every item that matches the query as typed ranks before
any item that matches only a variant (relevance order). The database engine does this in
its one search (search.backends.database.results), and so does Elasticsearch with its
synonym_graph analyzer (search.backends.elasticsearch.synonyms). For an engine that does
not (Elasticsearch falling back to the expansion in Python), this wrapper adds:

1. the exact search, up to the end of the requested page (synonyms off);
2. if it holds fewer items than that, the expanded search far enough to fill the page
   once the exact items are left out (they come first).

A query without synonyms, or sorted by date, is one ordinary search on every engine.
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
            or engine.ranks_synonyms()):
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
