"""The public search with the synonyms it also searched: (outcome, [(term, replacement)]).

analyse_query() ORs a query with its synonym variants (search.analysis.synonyms), so
counts and facets cover both, and every engine ranks every item that matches the query
as typed above any item that matches only a variant in its one search: the database
engine (search.backends.database.results), Elasticsearch with its synonym_graph analyzer
(search.backends.elasticsearch.synonyms) or with the variants in the query
(search.backends.elasticsearch.queries). The pairs are what the page names: 已同时检索：….
"""

from ..analysis.synonyms import variants


def search(engine, params, resolver, request=None):
    """(outcome, [(term, replacement)]) of `params` on `engine`."""
    pairs = [(term, other) for term, other, _variant in variants(params.query)]
    return engine.search(params, resolver, request), pairs
