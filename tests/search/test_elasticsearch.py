"""Elasticsearch: the mapping and query bodies (always), and on a live node (ELASTICSEARCH_URL,
`make elasticsearch`): rebuilds behind the alias, writes that fail and are caught up, and a
node that is down or too slow."""

import os

import pytest
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from wagtail.search.backends import get_search_backend

from portal.scope import AnonymousScopeResolver, ScopeResolver
from search.analysis import analyse_query
from search.backends.elasticsearch.mapping import mapping_body
from search.backends.elasticsearch.queries import build_counts, build_search, build_suggest
from search.engines.base import SearchParams
from search.models import PendingIndexWrite
from tests.conftest import elasticsearch_settings

LIVE = os.environ.get("ELASTICSEARCH_URL")
live = pytest.mark.parametrize("search_backend", ["elasticsearch"], indirect=True)


def test_mapping_uses_only_built_in_analysis():
    body = mapping_body("dangwu_")
    assert "analysis" not in body["settings"]  # nothing a bare Elasticsearch 8 lacks
    assert body["aliases"] == {"dangwu_content": {}}
    assert body["settings"]["sort.field"] == "pk"  # ties newest first without a sort key
    props = body["mappings"]["properties"]
    for name in ("title_seg", "body_seg"):
        assert props[name]["type"] == "text" and props[name]["analyzer"] == "whitespace"
        # Speed: two-token phrases and one-character prefixes are single terms.
        assert props[name]["index_phrases"] is True
        assert props[name]["index_prefixes"] == {"min_chars": 1, "max_chars": 1}
    for name in ("type", "section", "organisation", "tags", "path", "audiences", "facets"):
        assert props[name]["type"] == "keyword", name
    assert props["visible_from"]["type"] == "date" and props["live"]["type"] == "boolean"


def test_search_body_puts_scope_and_filters_in_the_query(member1, site_tree):
    class Section:
        pk = 5

    params = SearchParams(query="三会一课 qq群", types=["notice"], section=Section(), year=2020,
                          tag="党建", sort="date", page=2)
    resolver = ScopeResolver(member1)
    body = build_search("dangwu_content", analyse_query(params.query), params,
                        resolver).to_dict()
    query = body["query"]["bool"]
    assert "must_not" not in query  # member1 may see every restricted notice
    anonymous = build_search("dangwu_content", analyse_query(params.query), params,
                             AnonymousScopeResolver()).to_dict()["query"]["bool"]
    assert {"prefix": {"path": site_tree.party_notice.path}} in anonymous["must_not"]
    assert {"prefix": {"path": site_tree.branch1_notice.path}} in anonymous["must_not"]
    assert {"terms": {"audiences": ["public"]}} in anonymous["filter"]
    audiences = next(f["terms"]["audiences"] for f in query["filter"] if "terms" in f
                     and "audiences" in f["terms"])
    assert "public" in audiences and "party" in audiences
    assert f"group:{site_tree.branch1.members_group_id}" in audiences
    assert {"term": {"live": True}} in query["filter"]
    assert {"terms": {"type": ["notice"]}} in query["filter"]
    assert {"term": {"section": "5"}} in query["filter"]
    assert {"term": {"year": 2020}} in query["filter"]
    assert {"term": {"tags": "党建"}} in query["filter"]
    text = str(query["must"])
    assert "'三会 会一 一课'" in text and "match_phrase_prefix" in text  # qq 群* as a prefix
    assert "aggs" not in body and body["track_total_hits"] is False  # counted apart
    assert body["from"] == 10 and body["size"] == 10
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert "highlight" not in body  # snippets are the portal's own, as on the database
    counts = [c.to_dict() for c in build_counts("dangwu_content", analyse_query(params.query),
                                                 params, resolver, ["notice", "branch"], 1000)]
    assert [c["track_total_hits"] for c in counts] == [1001, 1001]
    assert [c["size"] for c in counts] == [0, 0]
    assert {"term": {"type": "branch"}} in counts[1]["query"]["bool"]["filter"]
    assert {"term": {"year": 2020}} in counts[1]["query"]["bool"]["filter"]


def test_several_words_are_ranked_by_a_flat_disjunction_scope_in_the_post_filter(site_tree):
    from search.analysis import All, Any, Seq

    params = SearchParams(query="三会一课 观察员")
    tree = analyse_query(params.query)
    body = build_search("dangwu_content", tree, params, AnonymousScopeResolver()).to_dict()
    should = body["query"]["bool"]["should"]
    assert set(body["query"]["bool"]) == {"should"}  # nothing required: Lucene may skip
    # Every phrase of both words, title (boosted) and text, as one flat disjunction.
    assert len(should) == 2 * len([n for item in tree.items for n in item.items])
    assert {"bool": {"should": [{"match_phrase": {"title_seg": {"query": "观察员"}}}],
                     "boost": 20.0}} in should
    post = body["post_filter"]["bool"]
    assert {"terms": {"audiences": ["public"]}} in post["filter"]
    assert {"prefix": {"path": site_tree.party_notice.path}} in post["must_not"]
    assert "观察员" in str(post["filter"][0]) and "三会一课" in str(post["filter"][0])
    # An All below an Any scores only when all of it matches: it stays one clause.
    either = All((Any((All((Seq(("甲乙",), False, "甲乙"), Seq(("丙丁",), False, "丙丁"))),
                       Seq(("戊己",), False, "戊己"))), Seq(("庚辛",), False, "庚辛")))
    clauses = build_search("dangwu_content", either, params,
                           AnonymousScopeResolver()).to_dict()["query"]["bool"]["should"]
    assert len(clauses) == 1 + 2 + 2
    assert "甲乙" in str(clauses[0]) and "丙丁" in str(clauses[0])
    assert len(clauses[0]["bool"]["must"]) == 2
    # A filter chosen or newest first: the scope and filters lead, as for one word.
    for narrowed in (SearchParams(query=params.query, types=["notice"]),
                     SearchParams(query=params.query, sort="date")):
        body = build_search("dangwu_content", tree, narrowed, AnonymousScopeResolver()).to_dict()
        assert "post_filter" not in body and "must" in body["query"]["bool"]


def test_a_query_with_synonym_variants_is_ranked_by_its_distinct_phrases_exact_first(
        site_tree):
    """组织生活会 批评 ORed with 组织生活 批评: one flat disjunction of the distinct phrases
    (批评 once) and two tier clauses on the query as typed (anywhere; in the title), each
    worth more than any score the phrases can give; the whole expanded tree and the scope
    in the post_filter."""
    from search.analysis import All, Expanded, Seq

    word = Seq(("组织", "织生", "生活", "活会"), False, "组织生活会")
    variant = Seq(("组织", "织生", "生活"), False, "组织生活")
    other = Seq(("批评",), False, "批评")
    tree = Expanded((All((word, other)), All((variant, other))))
    params = SearchParams(query="组织生活会 批评")
    body = build_search("dangwu_content", tree, params, AnonymousScopeResolver()).to_dict()
    assert set(body["query"]["bool"]) == {"should"}
    should = body["query"]["bool"]["should"]
    phrases, tiers = should[:-2], should[-2:]
    assert len(phrases) == 2 * 3  # three distinct phrases, title and text each
    assert sum("批评" in str(clause) for clause in phrases) == 2
    anywhere, in_title = (tier["constant_score"] for tier in tiers)
    # 9 terms in all (4 + 1 and 3 + 1), each at most 22 in the title (x 20) and the text
    assert anywhere["boost"] == in_title["boost"] == 8192.0 >= 9 * 22 * 21
    assert "body_seg" in str(anywhere) and "body_seg" not in str(in_title)
    for tier in (anywhere, in_title):  # the query as typed, not the variant
        assert "组织 织生 生活 活会" in str(tier) and "批评" in str(tier)
        assert "'组织 织生 生活'" not in str(tier)
    post = body["post_filter"]["bool"]
    assert {"terms": {"audiences": ["public"]}} in post["filter"]
    assert "活会" in str(post["filter"][0]) and "批评" in str(post["filter"][0])
    assert {"prefix": {"path": site_tree.party_notice.path}} in post["must_not"]
    # A filter chosen: the nested query, the same tiers beside it; newest first: no tiers.
    narrowed = SearchParams(query=params.query, types=["notice"])
    body = build_search("dangwu_content", tree, narrowed, AnonymousScopeResolver()).to_dict()
    assert "post_filter" not in body and body["query"]["bool"]["should"] == tiers
    assert "must" in body["query"]["bool"]
    by_date = SearchParams(query=params.query, sort="date")
    body = build_search("dangwu_content", tree, by_date, AnonymousScopeResolver()).to_dict()
    assert "should" not in body["query"]["bool"] and "constant_score" not in str(body)
    # Without variants, nothing is tiered.
    plain = build_search("dangwu_content", tree.items[0], params, AnonymousScopeResolver())
    assert "constant_score" not in str(plain.to_dict())


def test_suggest_body_is_scoped(site_tree):
    body = build_suggest("dangwu_content", analyse_query("三会", autocomplete=True),
                         AnonymousScopeResolver()).to_dict()
    assert {"prefix": {"path": site_tree.party_notice.path}} in body["query"]["bool"]["must_not"]
    assert {"term": {"live": True}} in body["query"]["bool"]["filter"]


@pytest.mark.django_db
def test_a_batch_of_documents_costs_the_same_queries_as_two(site_tree):
    """update_index reads each batch with a fixed number of queries (related rows
    prefetched, every page's section and organisation ancestors in one query), and the
    ancestors are the ones the tree gives."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from pages.models import BranchPage, NoticePage
    from search.backends.elasticsearch.documents import document_chunks
    from search.providers import get_provider
    from tests.factories import NoticePageFactory

    for n in range(5):
        NoticePageFactory(parent=site_tree.notices, title=f"简报第{n + 1}期", slug=f"brief-{n}")

    def documents(model, key):
        objs = list(model.objects.order_by("pk"))
        with CaptureQueriesContext(connection) as two:
            list(document_chunks(get_provider(key), objs[:2], size=1))
        with CaptureQueriesContext(connection) as every:
            docs = [doc for chunk in document_chunks(get_provider(key), objs, size=2)
                    for doc in chunk]
        assert len(objs) > 2 and len(every) == len(two), key
        return {doc["pk"]: doc for doc in docs}

    def ancestors(page, model_name):
        return [str(pk) for pk in Page.objects.ancestor_of(page, inclusive=True)
                .filter(content_type__model=model_name).values_list("pk", flat=True)]

    notices = documents(NoticePage, "notice")
    assert len(notices) == NoticePage.objects.count()
    for notice in NoticePage.objects.all():
        assert notices[notice.pk]["section"] == ancestors(notice, "sectionpage") != []
        assert "三会" in notices[site_tree.public_notice.pk]["title_seg"].split()
    branches = documents(BranchPage, "branch")
    assert branches[site_tree.branch1.pk]["organisation"] == [
        str(site_tree.committee.pk), str(site_tree.branch1.pk)]
    for branch in BranchPage.objects.all():
        assert branches[branch.pk]["organisation"] == ancestors(branch, "branchpage")
        assert branches[branch.pk]["section"] == ancestors(branch, "sectionpage")


# -- on a live node ---------------------------------------------------------------------------

@live
@pytest.mark.django_db
def test_searches_answer_while_the_index_is_rebuilt(site_tree, search_backend):
    from search.backends.elasticsearch.backend import ContentRebuilder
    from search.engines import get_engine

    backend = get_search_backend("elasticsearch")
    before = set(backend.version_names())
    assert len(before) == 1
    backend.replicas = 1  # as configured for a cluster (ELASTICSEARCH_REPLICAS)
    rebuilder = ContentRebuilder(backend.content_index)
    building = rebuilder.start()  # a new, empty version; the alias still serves the old one
    assert set(backend.version_names()) - before == {building.name}

    def index_setting(name):
        settings = backend.client.indices.get_settings(index=building.name)
        return settings[building.name]["settings"]["index"].get(name)

    def refresh_interval():
        return index_setting("refresh_interval")

    assert refresh_interval() == "-1"  # no refreshes while it fills
    assert index_setting("number_of_replicas") == "0"  # each document indexed once
    engine, request = get_engine(), RequestFactory().get("/")
    found = engine.search(SearchParams(query="三会一课"), AnonymousScopeResolver(), request)
    assert found.count == 1  # answered from the old version
    # Saved during the rebuild: written to both versions, so it survives the swap.
    site_tree.public_notice.title = "关于试行三会一课观察员制度的通知（修订）"
    site_tree.public_notice.save_revision().publish()
    from pages.models import NoticePage
    building.add_items(NoticePage, list(NoticePage.objects.exclude(
        pk=site_tree.public_notice.pk)))
    rebuilder.finish()
    assert set(backend.version_names()) == {building.name}  # the old version is gone
    assert refresh_interval() is None  # back to the default once it serves
    assert index_setting("number_of_replicas") == "1"  # the configured replicas again
    backend.client.indices.put_settings(index=building.name,  # one node: keep it green
                                        settings={"number_of_replicas": 0})
    found = engine.search(SearchParams(query="修订"), AnonymousScopeResolver(), request)
    assert [h.title for h in found.hits] == ["关于试行三会一课观察员制度的通知（修订）"]
    found = engine.search(SearchParams(query="纪要"), ScopeResolver(None), request)
    assert found.count == 0


@live
@pytest.mark.django_db
def test_update_index_rebuilds_behind_the_alias(site_tree, search_backend, api):
    backend = get_search_backend("elasticsearch")
    first = backend.version_names()
    call_command("update_index", backend_name="elasticsearch", verbosity=0)
    second = backend.version_names()
    assert len(second) == 1 and second != first
    assert api(q="三会一课")["count"] == 1


@pytest.mark.django_db
def test_a_node_that_is_down_answers_503_and_other_pages_work(site_tree, client, settings):
    # Nothing listens on port 9; the client gives up at once.
    for name, value in elasticsearch_settings("http://127.0.0.1:9", "down_").items():
        setattr(settings, name, value)
    response = client.get("/search/", {"q": "三会一课"})
    assert response.status_code == 503
    assert "检索服务暂时不可用" in response.content.decode()
    response = client.get("/api/search/", {"q": "三会一课"})
    assert response.status_code == 503 and "检索服务暂时不可用" in response.json()["message"]
    response = client.get("/api/search/suggest/", {"q": "三会"})
    assert response.status_code == 503 and "检索服务暂时不可用" in response.json()["message"]
    for url in ("/", site_tree.notices.url, site_tree.public_notice.url, "/search/"):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_writes_that_fail_are_recorded_and_synced(site_tree, settings, search_backend):
    """A save while Elasticsearch is down succeeds and leaves a pending write; search_sync
    writes it once the node is back (on the live node when there is one)."""
    from pages.models import NoticePage

    notice = site_tree.public_notice
    with override_settings(**elasticsearch_settings("http://127.0.0.1:9", "down_")):
        notice.title = "关于试行三会一课观察员制度的通知（第二版）"
        notice.save_revision().publish()  # no exception reaches the editor
        pending = PendingIndexWrite.objects.get(model="pages.noticepage",
                                                object_id=str(notice.pk))
        assert pending.error
        NoticePage.objects.get(pk=site_tree.branch1_notice.pk).delete()
        assert PendingIndexWrite.objects.count() == 2
    if search_backend != "elasticsearch":
        return
    call_command("search_sync", verbosity=0)
    assert not PendingIndexWrite.objects.exists()  # the node took both writes
    from search.engines import get_engine

    found = get_engine().search(SearchParams(query="第二版"), AnonymousScopeResolver(),
                                RequestFactory().get("/"))
    assert found.count == 1
    backend = get_search_backend("elasticsearch")
    ids = {hit["_id"] for hit in backend.client.search(index=backend.index_name,
                                                       size=100)["hits"]["hits"]}
    assert f"notice-{site_tree.public_notice.pk}" in ids
    assert f"notice-{site_tree.branch1_notice.pk}" not in ids


@live
@pytest.mark.django_db
def test_hits_are_loaded_with_one_query_per_type(site_tree, search_backend):
    """The page of hits costs the same queries whether it holds one hit or ten: each type's
    hits are loaded in one query (with its search fields prefetched), never one per hit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.engines import get_engine
    from tests.factories import NoticePageFactory

    engine, request = get_engine(), RequestFactory().get("/")

    def queries_for(query):
        resolver = AnonymousScopeResolver()
        resolver.hidden_paths  # the requester's scope is read once, before the search  # noqa: B018
        with CaptureQueriesContext(connection) as captured:
            outcome = engine.search(SearchParams(query=query), resolver, request)
        return outcome, len(captured)

    queries_for("观察员")  # the site's root paths are read once per process
    one, few = queries_for("观察员")
    assert one.count == 1 and few == 4  # the notices, their tags, attachments and 栏目 titles
    for n in range(9):
        NoticePageFactory(parent=site_tree.notices, title=f"观察员工作简报第{n + 1}期",
                          slug=f"observer-{n}")
    ten, many = queries_for("观察员")
    assert ten.count == 10 and len(ten.hits) == 10
    assert many == few, (few, many)
    assert {hit.type for hit in ten.hits} == {"notice"}
