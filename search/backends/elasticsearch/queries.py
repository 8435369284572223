"""Query bodies for the public search and suggestions, built with elasticsearch.dsl.

Scope and filters sit in the bool query's filter / must_not clauses, so hits, the total and
the aggregations (facets) only ever cover items the requester may see. Ranking follows the
database backends: every item whose title holds the whole query ranks above every item
that matches in its text only, and within each tier by relevance (BM25).
"""

from elasticsearch.dsl import Q, Search

from search.analysis import All, Any, Seq

TITLE_TIER = 1000.0  # far above any BM25 score: the title tier ranks first
TEXT_FIELDS = ("title_seg", "body_seg")


def tree_query(node, fields=TEXT_FIELDS):
    """The query tree as a bool query: each phrase must match in one of `fields`."""
    if isinstance(node, Seq):
        kind = "match_phrase_prefix" if node.prefix else "match_phrase"
        text = " ".join(node.tokens)
        clauses = [Q(kind, **{field: {"query": text}}) for field in fields]
        return clauses[0] if len(clauses) == 1 else Q("bool", should=clauses,
                                                      minimum_should_match=1)
    if isinstance(node, All):
        return Q("bool", must=[tree_query(item, fields) for item in node.items])
    if isinstance(node, Any):
        return Q("bool", should=[tree_query(item, fields) for item in node.items],
                 minimum_should_match=1)
    raise TypeError(node)


def ranked_query(tree):
    """Matches of the tree, the title tier boosted above the rest."""
    return Q("bool", must=[tree_query(tree)],
             should=[Q("constant_score", filter=tree_query(tree, ("title_seg",)),
                       boost=TITLE_TIER)])


def scope_filters(hidden_paths, audiences=("public",), params=None):
    """(filter, must_not) clauses: what the requester may see, and the chosen filters.

    The requester's scope comes from the shared ScopeResolver: `hidden_paths` (subtrees
    they may not see) and `audiences` (ScopeResolver.audiences). The defaults are the
    public's. An item is shown when it is live, one of its audiences is the requester's,
    its visible_from moment (if any) has passed, and it lies in no hidden subtree."""
    filters = [
        Q("term", live=True),
        Q("terms", audiences=list(audiences)),
        Q("bool", should=[Q("bool", must_not=[Q("exists", field="visible_from")]),
                          Q("range", visible_from={"lte": "now"})],
          minimum_should_match=1),
    ]
    if params is not None:
        if params.types:
            filters.append(Q("terms", type=list(params.types)))
        if params.section:
            filters.append(Q("term", section=str(params.section.pk)))
        if params.organisation:
            filters.append(Q("term", organisation=str(params.organisation.pk)))
        if params.year:
            filters.append(Q("term", year=params.year))
        if params.tag:
            filters.append(Q("term", tags=params.tag))
    must_not = [Q("prefix", path=path) for path in hidden_paths]
    return filters, must_not


def resolver_filters(resolver, params=None):
    return scope_filters(resolver.hidden_paths, resolver.audiences, params)


def build_search(index, tree, params, resolver):
    filters, must_not = resolver_filters(resolver, params)
    search = Search(index=index).query(
        Q("bool", must=[ranked_query(tree)], filter=filters, must_not=must_not))
    search.aggs.bucket("types", "terms", field="type", size=50)
    search.aggs.bucket("years", "terms", field="year", size=200)
    if params.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score",
                             {"pk": "desc"})
    else:
        search = search.sort("_score", {"pk": "desc"})  # ties: newest first, as the database
    start = (params.page - 1) * params.per_page
    search = search.source(["object_id", "type"])
    return search.extra(track_total_hits=True)[start:start + params.per_page]


def build_suggest(index, tree, resolver, limit=8):
    filters, must_not = resolver_filters(resolver)
    search = Search(index=index).query(
        Q("bool", must=[tree_query(tree, ("title_seg",))], filter=filters, must_not=must_not))
    return search.sort("_score", {"pk": "desc"}).source(["object_id", "type"])[:limit]


def build_visible(index, resolver, size=10_000):
    """Every item the requester may see (no text match): the scope filter on its own."""
    filters, must_not = resolver_filters(resolver)
    search = Search(index=index).query(Q("bool", filter=filters, must_not=must_not))
    return search.source(["object_id", "type"]).extra(track_total_hits=True)[:size]
