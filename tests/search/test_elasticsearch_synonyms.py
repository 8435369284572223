"""Synonyms on Elasticsearch: the synonyms set written from the snippet in the index's token
form, the search-time synonym_graph clause (exact first), the snippet save that never fails
when Elasticsearch is down, search_sync, and the behaviour on a live node."""

import os

import pytest
from django.core.management import call_command
from wagtail.rich_text import RichText

from search.analysis import All, Any, Seq
from search.analysis.query import analyse_with_terms
from search.analysis.synonyms import forget
from search.backends.elasticsearch import synonyms as es_synonyms
from search.backends.elasticsearch.backend import ElasticsearchContentBackend
from search.backends.elasticsearch.queries import tree_query
from search.models import PendingIndexWrite, SynonymGroup
from tests.conftest import elasticsearch_settings
from tests.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


def _notice(tree, title, text="各党支部按要求执行。"):
    return NoticePageFactory(parent=tree.notices, title=title,
                             body=[("paragraph", RichText(f"<p>{text}</p>"))])


def test_rules_are_in_the_token_form_a_query_phrase_sends():
    rules = es_synonyms.rules([("交纳党费", "缴纳党费"), ("民主评议会", "民主评议"), ("党员", "党员")])
    assert {"id": "g0-chars", "synonyms": "交纳 纳党 党费, 缴纳 纳党 党费"} in rules
    assert {"id": "g0-words", "synonyms": "交纳党费, 缴纳党费"} in rules
    assert {"id": "g1-chars", "synonyms": "民主 主评 评议 议会, 民主 主评 评议"} in rules
    assert not any(rule["id"].startswith("g2") for rule in rules)  # nothing to swap
    assert es_synonyms.rules([]) == [{"id": "none", "synonyms": es_synonyms.NOOP_RULE}]


def test_the_shipped_list_becomes_rules():
    ids = [rule["id"] for rule in es_synonyms.rules()]
    assert len(ids) == len(set(ids)) and len(ids) >= SynonymGroup.objects.count()


def test_synonym_terms_stay_whole_phrases_in_the_synonym_tree():
    whole = Any((Seq(("缴纳党费",), False, "缴纳党费"), Seq(("缴纳", "纳党", "党费"), False, "缴纳党费")))
    # as typed, jieba cuts 缴纳党费 into two words: a token rule could never match them
    assert analyse_with_terms("缴纳党费", []) != whole
    assert analyse_with_terms("缴纳党费", ["缴纳党费"]) == whole
    tree = analyse_with_terms("按时缴纳党费", ["缴纳党费"])
    assert isinstance(tree, All) and tree.items[1] == whole


def test_the_synonym_clause_is_analysed_with_the_set_and_ranked_below_exact():
    exact = tree_query(analyse_with_terms("交纳党费", []))
    synonym = tree_query(analyse_with_terms("交纳党费", ["交纳党费"]))
    body = es_synonyms.match_clause(exact, synonym).to_dict()
    tiered, expanded = body["bool"]["should"]
    assert tiered["function_score"]["functions"] == [{"weight": es_synonyms.EXACT_TIER}]
    assert tiered["function_score"]["boost_mode"] == "sum"
    assert "portal_synonyms" not in str(tiered)
    assert expanded["bool"]["boost"] == es_synonyms.SYNONYM_WEIGHT
    assert str(expanded).count("'analyzer': 'portal_synonyms'") == 4  # 2 phrases x 2 fields
    unscored = es_synonyms.match_clause(exact, synonym, scored=False).to_dict()
    assert "function_score" not in str(unscored)


class FakeSynonyms:
    def __init__(self, error=None):
        self.sets, self.error = {}, error

    def put_synonym(self, id, synonyms_set):
        if self.error:
            raise self.error
        self.sets[id] = synonyms_set

    def delete_synonym(self, id):
        self.sets.pop(id, None)


class FakeIndices:
    def __init__(self):
        self.created = []

    refuse_analysis = False

    def create(self, index, settings, **kwargs):
        if self.refuse_analysis and "analysis" in settings:
            from elasticsearch import BadRequestError

            raise BadRequestError("Unknown filter type [synonym_graph]", meta=_meta(400), body={})
        self.created.append(dict(settings))

    def get_settings(self, **kwargs):
        from elasticsearch import NotFoundError

        raise NotFoundError("no index", meta=_meta(404), body={})


def _meta(status):
    from elastic_transport import ApiResponseMeta, HttpHeaders

    return ApiResponseMeta(status=status, http_version="1.1", headers=HttpHeaders(),
                           duration=0.0, node=None)


class FakeClient:
    def __init__(self, error=None):
        self.synonyms, self.indices = FakeSynonyms(error), FakeIndices()


@pytest.fixture
def fake_es(settings, monkeypatch):
    for name, value in elasticsearch_settings("http://127.0.0.1:8139", "fake_").items():
        setattr(settings, name, value)
    client = FakeClient()
    monkeypatch.setattr(ElasticsearchContentBackend, "client", property(lambda self: client))
    es_synonyms.forget_ready()
    yield client
    es_synonyms.forget_ready()


def test_an_index_version_is_created_with_the_set_and_its_analyzer(fake_es):
    from wagtail.search.backends import get_search_backend

    get_search_backend("elasticsearch").create_version(alias="fake_content")
    analysis = fake_es.indices.created[-1]["analysis"]
    assert analysis["filter"]["portal_synonym_graph"] == {
        "type": "synonym_graph", "synonyms_set": "fake_synonyms", "updateable": True}
    assert analysis["analyzer"]["portal_synonyms"]["tokenizer"] == "whitespace"
    assert fake_es.synonyms.sets["fake_synonyms"] == es_synonyms.rules()


def test_a_cluster_without_the_synonyms_api_gets_no_analyzer(fake_es):
    from elasticsearch import ApiError
    from wagtail.search.backends import get_search_backend

    fake_es.synonyms.error = ApiError("failed to find action", meta=_meta(500), body={})
    get_search_backend("elasticsearch").create_version(alias="fake_content")
    assert "analysis" not in fake_es.indices.created[-1]
    assert not PendingIndexWrite.objects.exists()  # nothing to retry: Python expands


def test_a_cluster_refusing_the_analyzer_still_gets_an_index(fake_es):
    from wagtail.search.backends import get_search_backend

    fake_es.indices.refuse_analysis = True
    get_search_backend("elasticsearch").create_version(alias="fake_content")
    assert len(fake_es.indices.created) == 1 and "analysis" not in fake_es.indices.created[0]


def test_saving_a_group_writes_the_set_at_once(fake_es):
    SynonymGroup.objects.create(terms="灯下黑，身边问题")
    assert any(rule["synonyms"] == "灯下 下黑, 身边 边问 问题"
               for rule in fake_es.synonyms.sets["fake_synonyms"])
    SynonymGroup.objects.get(terms="交纳党费，缴纳党费").delete()
    assert not any("交纳 纳党 党费" in rule["synonyms"] for rule in fake_es.synonyms.sets["fake_synonyms"])


def test_elasticsearch_down_the_save_succeeds_and_search_sync_writes_the_set(settings):
    # nothing listens on 8139: every request is refused
    for name, value in elasticsearch_settings("http://127.0.0.1:8139", "down_").items():
        setattr(settings, name, value)
    group = SynonymGroup.objects.create(terms="灯下黑，身边问题")
    assert group.pk
    assert PendingIndexWrite.objects.filter(model=es_synonyms.PENDING_MODEL).count() == 1
    with pytest.raises(SystemExit):  # still down: kept, and said
        call_command("search_sync")
    assert PendingIndexWrite.objects.filter(model=es_synonyms.PENDING_MODEL).count() == 1


def test_search_sync_writes_a_pending_set_once_elasticsearch_answers(fake_es):
    PendingIndexWrite.objects.create(model=es_synonyms.PENDING_MODEL,
                                     object_id=es_synonyms.PENDING_ID, error="down")
    call_command("search_sync")
    assert not PendingIndexWrite.objects.exists()
    assert fake_es.synonyms.sets["fake_synonyms"] == es_synonyms.rules()


# -- on a live node (ELASTICSEARCH_URL) ----------------------------------------------------
live = pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"),
                          reason="ELASTICSEARCH_URL is not set")


@pytest.fixture
def elasticsearch_only(request, settings):
    from wagtail.search.backends import get_search_backend

    from tests.conftest import index_everything

    url = os.environ["ELASTICSEARCH_URL"]
    for name, value in elasticsearch_settings(url, f"syn{os.getpid()}_").items():
        setattr(settings, name, value)
    forget()  # a list kept from an earlier test's rolled-back groups
    backend = get_search_backend("elasticsearch")
    backend.content_index.reset()
    index_everything(backend)
    yield backend
    backend.drop_all()


@live
def test_live_a_synonym_added_finds_at_once_and_removed_stops(site_tree, elasticsearch_only,
                                                              api):
    variant = _notice(site_tree, "查摆灯下黑问题清单")
    assert variant.url not in {r["url"] for r in api(q="身边问题")["results"]}
    group = SynonymGroup.objects.create(terms="身边问题，灯下黑")
    data = api(q="身边问题")
    assert variant.url in {r["url"] for r in data["results"]}
    assert data["also_searched"] == ["灯下黑"]
    group.delete()
    data = api(q="身边问题")
    assert variant.url not in {r["url"] for r in data["results"]}
    assert not data.get("also_searched")


@live
def test_live_exact_matches_rank_above_synonym_matches(site_tree, elasticsearch_only, api):
    # the synonym match is newer and names its wording three times in the title
    exact = _notice(site_tree, "关于按时交纳党费的通知")
    synonym = _notice(site_tree, "缴纳党费：缴纳党费，缴纳党费提醒", "缴纳党费缴纳党费")
    urls = [r["url"] for r in api(q="交纳党费")["results"]]
    assert urls.index(exact.url) < urls.index(synonym.url)


@live
def test_live_the_node_reads_the_set_when_it_has_the_synonyms_api(site_tree,
                                                                   elasticsearch_only):
    backend = elasticsearch_only
    if not backend.synonym_graph_ready():
        pytest.skip("this Elasticsearch node has no synonyms API / synonym_graph filter "
                    "(the local integ-test node lacks analysis-common and reindex): "
                    "synonyms are expanded in Python")
    SynonymGroup.objects.create(terms="身边问题，灯下黑")
    found = backend.client.synonyms.get_synonym(id=es_synonyms.set_id(backend.index_prefix))
    assert "身边 边问 问题, 灯下 下黑" in str(found.body)
    tokens = backend.client.indices.analyze(index=backend.index_name,
                                            analyzer=es_synonyms.SYNONYM_ANALYZER,
                                            text="身边 边问 问题")
    assert {"灯下", "下黑"} <= {t["token"] for t in tokens.body["tokens"]}
