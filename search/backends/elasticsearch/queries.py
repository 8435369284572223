"""Query bodies for the public search and suggestions, built with elasticsearch.dsl.

Scope and filters sit in the bool query's filter / must_not clauses, so hits,
total, aggregations (facets), highlights and suggestions only ever cover
items the requester may see.
"""

from elasticsearch.dsl import Q, Search

from search.analysis import All, Any, Seq, needles

TITLE_BOOST = 4.0
SNIPPET_CHARS = 120


def _seq_query(seq):
    text = " ".join(seq.tokens)
    kind = "match_phrase_prefix" if seq.prefix else "match_phrase"
    clauses = [Q(kind, title_seg={"query": text, "boost": TITLE_BOOST}),
               Q(kind, body_seg={"query": text})]
    if seq.surface:
        clauses += [Q("match_phrase", title={"query": seq.surface, "boost": TITLE_BOOST / 2}),
                    Q("match_phrase", body={"query": seq.surface, "boost": 0.5})]
    return Q("bool", should=clauses, minimum_should_match=1)


def tree_query(node):
    if isinstance(node, Seq):
        return _seq_query(node)
    if isinstance(node, All):
        return Q("bool", must=[tree_query(item) for item in node.items])
    if isinstance(node, Any):
        return Q("bool", should=[tree_query(item) for item in node.items], minimum_should_match=1)
    raise TypeError(node)


def scope_filters(hidden_paths, params=None):
    """(filter, must_not) clauses: live items, the requester's scope and the chosen filters."""
    filters = [Q("term", live=True)]
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


def build_search(index, tree, params, hidden_paths):
    filters, must_not = scope_filters(hidden_paths, params)
    search = Search(index=index).query(
        Q("bool", must=[tree_query(tree)], filter=filters, must_not=must_not))
    marks = needles(tree)
    highlight_query = Q("bool", should=[Q("match_phrase", title=m) for m in marks]
                        + [Q("match_phrase", body=m) for m in marks])
    search = search.highlight_options(
        encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"],
        highlight_query=highlight_query.to_dict())
    search = search.highlight("title", number_of_fragments=0)
    search = search.highlight("body", fragment_size=SNIPPET_CHARS, number_of_fragments=1,
                              no_match_size=SNIPPET_CHARS)
    search.aggs.bucket("types", "terms", field="type", size=50)
    search.aggs.bucket("years", "terms", field="year", size=100)
    if params.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    start = (params.page - 1) * params.per_page
    search = search.source(["object_id", "type", "title", "date", "url"])
    return search.extra(track_total_hits=True)[start:start + params.per_page]


def build_suggest(index, query, hidden_paths, limit=8):
    filters, must_not = scope_filters(hidden_paths)
    match = Q("bool", should=[
        Q("match_phrase_prefix", title={"query": query, "max_expansions": 20}),
        Q("match_phrase_prefix", title_seg={"query": query, "max_expansions": 20}),
    ], minimum_should_match=1)
    search = Search(index=index).query(Q("bool", must=[match], filter=filters,
                                           must_not=must_not))
    return search.source(["title", "url", "type"])[:limit]
