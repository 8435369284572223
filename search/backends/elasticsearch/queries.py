"""Query bodies for the public search and suggestions, built with elasticsearch.dsl.

Scope and filters sit in the bool query's filter / must_not clauses, so hits, counts and
the year facet only ever cover items the requester may see.

Bounded work whatever the number of matches, as on the database backends: the page of hits
is ranked by relevance alone (BM25, a phrase found in the title counting TITLE_BOOST times
one found in the text; ties newest first through the index's sort order), so Elasticsearch
skips what cannot reach the page; each type is counted up to the count cap, and years are
counted only when no type reaches it.

A query ORed with its synonym variants (search.analysis.Expanded, when the index has no
synonym_graph analyzer) is ranked in the same one search with the database backends'
order: an item holding the query as typed in its title, then one holding it elsewhere,
then one holding only a variant, each tier by relevance (_exact_tiers).
"""

import math

from elasticsearch.dsl import Q, Search

from search.advanced import advanced_clauses
from search.analysis import All, Any, Expanded, Seq

from .synonyms import match_clause

TITLE_BOOST = 20.0  # a phrase in the title outranks the same phrase anywhere in the text
TEXT_FIELDS = ("title_seg", "body_seg")
MAX_EXPANSIONS = 200  # terms a phrase's last, partial token may stand for
# Lucene's BM25 gives a matching term at most its idf, ln(1 + (N - n + 0.5) / (n + 0.5)),
# below ln(1 + 2**31) < 22 for any shard (at most 2**31 documents); a phrase, the sum
# of its terms' idf.
MAX_TERM_SCORE = 22.0


def _phrase(seq, field):
    if not seq.prefix:
        return Q("match_phrase", **{field: {"query": " ".join(seq.tokens)}})
    if len(seq.tokens) == 1:
        # A lone prefix (a one-character query): every token that starts with it, as the
        # database backends match 党*, scored alike (a phrase prefix would stop at its
        # first max_expansions terms and miss items).
        return Q("prefix", **{field: {"value": seq.tokens[0]}})
    return Q("match_phrase_prefix", **{field: {"query": " ".join(seq.tokens),
                                               "max_expansions": MAX_EXPANSIONS}})


def tree_query(node, fields=TEXT_FIELDS, title_boost=1.0):
    """The query tree as a bool query: each phrase must match in one of `fields`."""
    if isinstance(node, Seq):
        clauses = [_phrase(node, field) for field in fields]
        if title_boost != 1.0 and "title_seg" in fields:
            clauses[fields.index("title_seg")] = Q(
                "bool", should=[clauses[fields.index("title_seg")]], boost=title_boost)
        return clauses[0] if len(clauses) == 1 else Q("bool", should=clauses,
                                                      minimum_should_match=1)
    if isinstance(node, All):
        return Q("bool", must=[tree_query(item, fields, title_boost) for item in node.items])
    if isinstance(node, Any):
        return Q("bool", should=[tree_query(item, fields, title_boost) for item in node.items],
                 minimum_should_match=1)
    raise TypeError(node)


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
    if params is not None and params.advanced:
        more_filters, more_must_not = advanced_clauses(params.advanced)
        filters += more_filters
        must_not += more_must_not
    return filters, must_not


def resolver_filters(resolver, params=None):
    return scope_filters(resolver.hidden_paths, resolver.audiences, params)


def _match(tree, synonym_tree, scored, title_boost=1.0):
    """The text clause; with `synonym_tree`, also through the synonyms set (synonyms.py)."""
    exact = tree_query(tree, title_boost=title_boost)
    if synonym_tree is None:
        return exact
    return match_clause(exact, tree_query(synonym_tree, title_boost=title_boost), scored)


def _scored_parts(node, required=True):
    """Clauses whose summed scores are tree_query(node, title_boost=TITLE_BOOST)'s score on
    every item the whole tree matches: each phrase's own field clauses, except an All below
    an Any, which scores only when all of it matches and so stays one clause."""
    if isinstance(node, Seq):
        return tree_query(node, title_boost=TITLE_BOOST).should
    if isinstance(node, Any):
        return [c for item in node.items for c in _scored_parts(item, required=False)]
    if isinstance(node, All):
        if not required:
            return [tree_query(node, title_boost=TITLE_BOOST)]
        return [c for item in node.items for c in _scored_parts(item)]
    raise TypeError(node)


def _flat_parts(tree):
    """The flat disjunction build_search ranks `tree` by, or None to keep the nested query.

    Several words: each phrase's own clauses (same scores as the nested query). A query
    ORed with its synonym variants (Expanded) whose alternatives share words: the distinct
    phrase clauses of all of them, so a shared word scores once; build_search adds
    _exact_tiers for exact matches first."""
    if isinstance(tree, All):
        return _scored_parts(tree)
    if isinstance(tree, Expanded):
        parts = []
        for item in tree.items:
            for clause in _scored_parts(item):
                if clause not in parts:
                    parts.append(clause)
        return parts
    return None


def _score_bound(node):
    """More than any relevance score tree_query(node, title_boost=TITLE_BOOST), or the
    flat parts of `node`, can give an item: every term of every phrase (a partial last
    token standing for up to MAX_EXPANSIONS terms) at MAX_TERM_SCORE, in the title
    (x TITLE_BOOST) and in the text."""
    if isinstance(node, Seq):
        terms = len(node.tokens) + (MAX_EXPANSIONS - 1 if node.prefix else 0)
        return (TITLE_BOOST + 1) * terms * MAX_TERM_SCORE
    return sum(_score_bound(item) for item in node.items)


def _exact_tiers(tree):
    """Exact matches first, for a query ORed with its synonym variants (Expanded; [] for
    any other tree): two constant-score clauses on the query as typed (tree.items[0]),
    one anywhere, one in the title, each worth a tier above any relevance score the
    query can give (_score_bound, rounded up to a power of two). Relevance + tiers: an
    item holding the query as typed in its title ranks above one holding it only in the
    text, which ranks above every item holding only a variant; within a tier, relevance
    (scores are 32-bit floats: kept to about a millionth of the tier)."""
    if not isinstance(tree, Expanded):
        return []
    exact = tree.items[0]
    tier = 2.0 ** math.ceil(math.log2(_score_bound(tree)))
    return [Q("constant_score", filter=tree_query(exact), boost=tier),
            Q("constant_score", filter=tree_query(exact, ("title_seg",)), boost=tier)]


def build_search(index, tree, params, resolver, synonym_tree=None):
    """One page of hits, ranked (or newest first); no count: see build_counts."""
    filters, must_not = resolver_filters(resolver, params)
    search = Search(index=index)
    flat = _flat_parts(tree)
    tiers = _exact_tiers(tree) if params.sort != "date" else []
    if (flat and synonym_tree is None and params.sort != "date"
            and not params.filtered):
        # Several words, ranked, nothing chosen to narrow it: the same hits in the same
        # order, found without scoring every match. A required clause that matches almost
        # everything (the scope's filters, or a conjunction of common words) leads
        # Lucene's iteration, so every match is scored; a flat disjunction of the phrases'
        # clauses lets it skip every item that cannot reach the page (WAND). What must
        # hold (every word, the scope) is checked as a post_filter on those candidates
        # only. Same scores: each is the sum of the matching clauses either way. The
        # tiers' clauses, worth more than any other item can reach, let it skip every
        # item outside the top tier once the page is filled from it.
        return _page(search.query(Q("bool", should=[*flat, *tiers])).post_filter(
            Q("bool", filter=[tree_query(tree), *filters], must_not=must_not)), params)
    tiered = {"should": tiers} if tiers else {}
    search = search.query(Q(
        "bool", must=[_match(tree, synonym_tree, True, TITLE_BOOST)], filter=filters,
        must_not=must_not, **tiered))
    if params.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    return _page(search, params)


def _page(search, params):
    start = (params.page - 1) * params.per_page
    search = search.source(["object_id", "type"]).extra(track_total_hits=False)
    return search[start:start + params.per_page]


def build_counts(index, tree, params, resolver, types, cap, synonym_tree=None):
    """One count per type, each exact up to `cap` (then `cap` + 1: "cap 条以上")."""
    filters, must_not = resolver_filters(resolver, params)
    match = _match(tree, synonym_tree, False)
    return [Search(index=index).query(Q("bool", filter=[match, *filters, Q("term", type=key)],
                                        must_not=must_not))
            .extra(track_total_hits=cap + 1, size=0) for key in types]


def build_years(index, tree, params, resolver, synonym_tree=None):
    """The matches per year (run only when the counts are exact, so they are few)."""
    filters, must_not = resolver_filters(resolver, params)
    search = Search(index=index).query(Q("bool", filter=[_match(tree, synonym_tree, False),
                                                         *filters],
                                         must_not=must_not)).extra(size=0)
    search.aggs.bucket("years", "terms", field="year", size=200)
    return search


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
