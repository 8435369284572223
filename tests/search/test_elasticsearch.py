"""Elasticsearch: the generated mapping and query bodies always; a live index when
ELASTICSEARCH_URL is set (skipped otherwise)."""

import os

import pytest

from search.analysis import analyse_query
from search.backends.elasticsearch.mapping import mapping_body
from search.backends.elasticsearch.queries import build_search, build_suggest
from search.engines.base import SearchParams

LIVE = os.environ.get("ELASTICSEARCH_URL")


def test_mapping_needs_no_plugins():
    body = mapping_body("dangwu_")
    analyzers = body["settings"]["analysis"]["analyzer"]
    assert analyzers["portal_cjk_bigram"]["filter"] == ["cjk_width", "lowercase", "cjk_bigram"]
    assert analyzers["portal_cjk_bigram"]["tokenizer"] == "standard"
    assert analyzers["portal_pre_segmented"]["tokenizer"] == "whitespace"
    props = body["mappings"]["properties"]
    assert props["title"]["analyzer"] == "portal_cjk_bigram"
    assert props["title_seg"]["analyzer"] == "portal_pre_segmented"
    for keyword in ("type", "section", "organisation", "tags", "scope", "path"):
        assert props[keyword]["type"] == "keyword"
    assert props["date"]["type"] == "date"


def test_search_body_puts_scope_and_filters_in_the_query():
    class Section:
        pk = 5

    params = SearchParams(query="三会一课 qq群", types=["notice"], section=Section(), year=2020,
                          tag="党建", sort="date", page=2)
    body = build_search("dangwu_content", analyse_query(params.query), params,
                        ["00010001", "000100020003"]).to_dict()
    query = body["query"]["bool"]
    assert {"prefix": {"path": "00010001"}} in query["must_not"]
    assert {"prefix": {"path": "000100020003"}} in query["must_not"]
    assert {"term": {"live": True}} in query["filter"]
    assert {"terms": {"type": ["notice"]}} in query["filter"]
    assert {"term": {"section": "5"}} in query["filter"]
    assert {"term": {"year": 2020}} in query["filter"]
    assert {"term": {"tags": "党建"}} in query["filter"]
    text = str(query["must"])
    assert "'三会 会一 一课'" in text and "match_phrase_prefix" in text  # qq 群* as a prefix phrase
    assert body["highlight"]["encoder"] == "html" and body["highlight"]["pre_tags"] == ["<mark>"]
    assert set(body["aggs"]) == {"types", "years"}
    assert body["from"] == 10 and body["size"] == 10 and body["track_total_hits"] is True
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}


def test_suggest_body_is_scoped():
    body = build_suggest("dangwu_content", "三会", ["0001000A"]).to_dict()
    assert {"prefix": {"path": "0001000A"}} in body["query"]["bool"]["must_not"]
    assert {"term": {"live": True}} in body["query"]["bool"]["filter"]


@pytest.mark.skipif(not LIVE, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against")
@pytest.mark.django_db
def test_live_index_and_scoped_search(site_tree, settings, member1):
    from django.core.management import call_command
    from django.test import RequestFactory

    from portal.scope import ScopeResolver
    from search.engines.elasticsearch import ElasticsearchEngine

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.database"},
        "elasticsearch": {"BACKEND": "search.backends.elasticsearch", "URLS": [LIVE],
                          "INDEX_PREFIX": "test_portal_"},
    }
    call_command("update_index", backend_name="elasticsearch", verbosity=0)
    engine = ElasticsearchEngine(BACKEND_NAME="elasticsearch")
    request = RequestFactory().get("/")
    anonymous = engine.search(SearchParams(query="通知"), ScopeResolver(None), request)
    assert {h.title for h in anonymous.hits} == {"关于试行三会一课观察员制度的通知"}
    member = engine.search(SearchParams(query="纪要"), ScopeResolver(member1), request)
    assert member.count == 1
    assert engine.suggest("三会", ScopeResolver(None))
