"""The Elasticsearch index of searchable items, declared with elasticsearch.dsl.

No server plugin and no index-time analyzer of our own (the one custom analyzer, for
synonyms at search time, is in synonyms.py): `title_seg` / `body_seg` hold the portal's own
analysis (search.analysis.index_text: normalised, lower-cased character bigrams and jieba
words), which Elasticsearch's built-in `whitespace` analyzer splits back into the same
tokens the database backends store, so a query matches the same items on every backend.
Highlighting is done by the portal from the loaded items, as on the database backends.

Keyword fields carry the filters (`facets` holds what a search provider adds for its own
kind, as "name:value"); `path`, `live`, `audiences` and `visible_from` carry what the
shared ScopeResolver needs (see search.backends.elasticsearch.queries.scope_filters).

The index is versioned: documents live in `<prefix>content-<version>`, and readers and
writers use the alias `<prefix>content`, which a rebuild moves to a new version in one
step (see backend.py).
"""

from elasticsearch.dsl import Boolean, Date, Document, Index, Integer, Keyword, Text

SEGMENTED = "whitespace"  # built into Elasticsearch: splits our pre-analysed text
# Speed, same matches: every two-token phrase is also indexed as one term (index_phrases),
# so a phrase query reads a rare pair instead of the positions of two common bigrams; and
# every token's first character is indexed too (index_prefixes), so a one-character
# query, a prefix of every token that starts with it, is one term instead of hundreds.
FAST_TEXT = {"index_phrases": True, "index_prefixes": {"min_chars": 1, "max_chars": 1}}


class ContentDocument(Document):
    type = Keyword()
    object_id = Keyword()
    pk = Integer()
    title_seg = Text(analyzer=SEGMENTED, **FAST_TEXT)
    body_seg = Text(analyzer=SEGMENTED, **FAST_TEXT)
    date = Date()
    year = Integer()
    section = Keyword(multi=True)
    organisation = Keyword(multi=True)
    tags = Keyword(multi=True)
    facets = Keyword(multi=True)  # providers' own keywords, "name:value" (SearchProvider.keywords)
    live = Boolean()
    path = Keyword()  # the tree path whose page privacy applies (hidden subtrees)
    audiences = Keyword(multi=True)  # who may see it (ScopeResolver.audiences); empty: nobody
    visible_from = Date()  # not shown before (e.g. a 通报 once its campaign has closed)


def alias_name(prefix):
    return f"{prefix}content"


def index_body(replicas=0, shards=1):
    """The create-index body (settings and mappings) of one index version."""
    index = Index("content")
    index.document(ContentDocument)
    # Stored newest first: equal scores come out newest first, as on the database backends,
    # without a second sort key (which would stop Elasticsearch skipping non-competitive hits).
    index.settings(**{"number_of_shards": shards, "number_of_replicas": replicas,
                      "sort.field": "pk", "sort.order": "desc"})
    return index.to_dict()


def mapping_body(prefix="dangwu_"):
    """The create-index body with the alias, for tests and docs."""
    return {**index_body(), "aliases": {alias_name(prefix): {}}}
