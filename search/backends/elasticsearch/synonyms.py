"""Synonyms on Elasticsearch: a search-time synonym_graph filter fed from the snippet list.

The synonym groups (the `SynonymGroup` snippet, search.analysis.synonyms) are written to an
Elasticsearch synonyms set, `<prefix>synonyms` (PUT _synonyms/<id>, Elasticsearch 8.10+),
whenever a group is saved or deleted and whenever an index version is created. Each index
version defines the analyzer SYNONYM_ANALYZER: the whitespace tokenizer (the portal hands
Elasticsearch pre-analysed text) and a `synonym_graph` filter reading that set, marked
`updateable`, so Elasticsearch reloads it when the set changes: no re-indexing.

Rules are written in the token form the query sends and the index holds (see
search.analysis.tokens): each term of a group as its character bigrams (交纳 纳党 党费), so a
variant matches as a token sequence inside a phrase, and as one whole-word token for the
words of three or more characters that the index also stores.

The query (match_clause) ORs the query as typed, on the plain whitespace analysis,
with the same query analysed with the synonyms; the former gets EXACT_TIER added to its
score, so every exact match ranks above every match found only through a synonym.

A cluster without the synonyms API or the synonym_graph filter (an older one, or the
minimal local test node, which lacks the analysis-common and reindex modules): the set
cannot be written, the index is created without the analyzer, and the engine falls back to
the query-time expansion the database backends use (search.analysis.synonyms), still one
search with exact matches first (queries._exact_tiers).
"""

import time

from search.analysis.query import _word_seq
from search.analysis.synonyms import groups

SYNONYM_ANALYZER = "portal_synonyms"
SYNONYM_FILTER = "portal_synonym_graph"
# Marks "the synonyms set could not be written" in PendingIndexWrite (search_sync retries).
PENDING_MODEL, PENDING_ID = "portal_search.synonymgroup", "synonyms-set"
EXACT_TIER = 16384.0  # added to exact matches: above any score a synonym-only match reaches
SYNONYM_WEIGHT = 1 / 16  # scales synonym-only matches well below EXACT_TIER
NOOP_RULE = "portalnosynonym => portalnosynonym"  # an empty set still parses
READY_SECONDS = 60  # how long an index's "has the synonym analyzer" answer is kept


def set_id(prefix):
    return f"{prefix}synonyms"


def term_tokens(term):
    """`term` (normalised) in the token form a query phrase sends: its character bigrams."""
    return " ".join(_word_seq(term).tokens)


def rules(synonym_groups=None):
    """The synonyms set's rules, [{"id", "synonyms"}], from the enabled groups."""
    found = []
    for number, group in enumerate(groups() if synonym_groups is None else synonym_groups):
        chars = list(dict.fromkeys(term_tokens(term) for term in group))
        chars = [c for c in chars if c]
        if len(chars) > 1:
            found.append({"id": f"g{number}-chars", "synonyms": ", ".join(chars)})
        words = [term for term in group if len(term) >= 3]
        if len(words) > 1:
            found.append({"id": f"g{number}-words", "synonyms": ", ".join(words)})
    return found or [{"id": "none", "synonyms": NOOP_RULE}]


def analysis_settings(prefix):
    """The `analysis` index settings that define SYNONYM_ANALYZER."""
    return {
        "filter": {SYNONYM_FILTER: {"type": "synonym_graph", "synonyms_set": set_id(prefix),
                                    "updateable": True}},
        "analyzer": {SYNONYM_ANALYZER: {"type": "custom", "tokenizer": "whitespace",
                                        "filter": [SYNONYM_FILTER]}},
    }


def write_set(client, prefix):
    """Write the whole set from the snippet list (Elasticsearch reloads the analyzers)."""
    client.synonyms.put_synonym(id=set_id(prefix), synonyms_set=rules())


_ready = {}  # (urls, alias) -> (answer, when)


def forget_ready():
    _ready.clear()


def index_has_analyzer(client, urls, alias):
    """True when the index behind `alias` defines SYNONYM_ANALYZER (kept READY_SECONDS)."""
    key = (urls, alias)
    answer, when = _ready.get(key, (None, 0.0))
    if answer is None or time.monotonic() - when > READY_SECONDS:
        from elasticsearch import ApiError, TransportError

        try:
            found = client.indices.get_settings(
                index=alias, name=f"index.analysis.analyzer.{SYNONYM_ANALYZER}.type")
            answer = any(v.get("settings") for v in found.body.values())
        except (ApiError, TransportError):
            answer = False
        _ready[key] = (answer, time.monotonic())
    return answer


def _with_analyzer(node, analyzer):
    """A query dict with `analyzer` set on every phrase query in it."""
    if isinstance(node, list):
        return [_with_analyzer(item, analyzer) for item in node]
    if not isinstance(node, dict):
        return node
    found = {}
    for key, value in node.items():
        if key in ("match_phrase", "match_phrase_prefix", "match"):
            value = {field: {**(body if isinstance(body, dict) else {"query": body}),
                             "analyzer": analyzer} for field, body in value.items()}
        else:
            value = _with_analyzer(value, analyzer)
        found[key] = value
    return found


def match_clause(exact, synonym, scored=True):
    """Exact or through a synonym: the query as typed (`exact`, a Q) OR the query with
    its synonym terms kept whole (`synonym`, a Q) analysed with the synonyms set. Scored:
    an exact match gets EXACT_TIER on top of its own score, a synonym-only match a
    fraction of its score, so every exact match ranks first."""
    from elasticsearch.dsl import Q

    expanded = Q(_with_analyzer(synonym.to_dict(), SYNONYM_ANALYZER))
    if not scored:
        return Q("bool", should=[exact, expanded], minimum_should_match=1)
    tiered = Q("function_score", query=exact, functions=[{"weight": EXACT_TIER}],
               boost_mode="sum")
    return Q("bool", should=[tiered, Q("bool", must=[expanded], boost=SYNONYM_WEIGHT)],
             minimum_should_match=1)
