"""The Elasticsearch index of searchable items, declared with elasticsearch.dsl.

No server plugin is needed: `*_seg` fields hold our own analysis (jieba words
and character bigrams, see search.analysis.tokens) split on whitespace, and the
raw `title` / `body` fields use a custom analyzer built from ES's built-in
standard tokenizer with the cjk_width, lowercase and cjk_bigram filters; they
also serve highlighting. Keyword fields carry the filters (`facets` holds what a
search provider adds for its own kind, as "name:value"), and `path` the
page's tree path so scope is a must_not prefix filter inside the query.
"""

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Text,
    analyzer,
)

cjk_bigram = analyzer(
    "portal_cjk_bigram",
    tokenizer="standard",
    filter=["cjk_width", "lowercase", "cjk_bigram"],
)
pre_segmented = analyzer("portal_pre_segmented", tokenizer="whitespace", filter=["lowercase"])


class ContentDocument(Document):
    type = Keyword()
    title = Text(analyzer=cjk_bigram, fields={"keyword": Keyword(ignore_above=256)})
    title_seg = Text(analyzer=pre_segmented)
    body = Text(analyzer=cjk_bigram)
    body_seg = Text(analyzer=pre_segmented)
    date = Date()
    year = Integer()
    section = Keyword(multi=True)
    organisation = Keyword(multi=True)
    tags = Keyword(multi=True)
    facets = Keyword(multi=True)  # providers' own keywords, "name:value" (SearchProvider.keywords)
    scope = Keyword()
    path = Keyword()
    live = Boolean()
    url = Keyword(index=False)
    object_id = Keyword()

    class Index:
        name = "content"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def index_for(prefix):
    """The ContentDocument index under `prefix` (e.g. dangwu_content)."""
    index = ContentDocument._index.clone(name=f"{prefix}content")
    return index


def mapping_body(prefix="dangwu_"):
    """The full create-index body (settings, analyzers, mappings), for tests and docs."""
    return index_for(prefix).to_dict()
