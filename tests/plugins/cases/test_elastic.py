"""Search inside the library on Elasticsearch: the query body, and the page built from a
canned response (no server here); any failure falls back to the database index."""

from unittest import mock

import pytest
from django.http import QueryDict

from plugins.cases import elastic
from plugins.cases.browse import browse, parse
from plugins.cases.choices import FIELD_CHOICES, TYPE_CHOICES
from portal.scope import AnonymousScopeResolver
from search.analysis import analyse_query
from tests.factories import restrict_to_groups

from .conftest import make_case

pytestmark = pytest.mark.django_db
INDEX = "dangwu_content"


def _get(**params):
    query = QueryDict(mutable=True)
    query.update(params)
    return query


def _filters(body):
    return body["query"]["bool"]["filter"]


def _body(library, cases, topic=None, hidden=(), start=0, size=15, **params):
    state = parse(_get(**params))
    return elastic.build_library_search(
        INDEX, analyse_query(state.query), state, library_path=library.path,
        hidden_paths=list(hidden), topic=topic, start=start, size=size).to_dict()


def test_body_holds_match_scope_filters_aggs_sort_and_page(library, cases):
    topic = library.topics.get()
    body = _body(library, cases, topic=topic, hidden=["000100020003"], start=15, q="网格化",
                 field="community", type="mechanism", year="2026", tag="服务群众", sort="date")
    filters = _filters(body)
    assert {"term": {"live": True}} in filters
    assert {"term": {"type": "case"}} in filters
    assert {"prefix": {"path": library.path}} in filters
    assert {"term": {"facets": "case_field:community"}} in filters
    assert {"term": {"facets": "case_type:mechanism"}} in filters
    assert {"term": {"year": 2026}} in filters
    assert {"term": {"tags": "服务群众"}} in filters
    assert {"terms": {"tags": ["三会一课", "组织生活"]}} in filters
    assert {"prefix": {"path": "000100020003"}} in body["query"]["bool"]["must_not"]
    must = str(body["query"]["bool"]["must"])
    assert "title_seg" in must and "body_seg" in must and "网格化" in must
    # 领域 / 创新类型 are counted over the hits from the provider's keywords.
    fields = body["aggs"]["fields"]["terms"]
    assert fields["field"] == "facets" and fields["size"] == len(FIELD_CHOICES)
    assert fields["include"] == [f"case_field:{key}" for key, _label in FIELD_CHOICES]
    types = body["aggs"]["types"]["terms"]
    assert types["include"] == [f"case_type:{key}" for key, _label in TYPE_CHOICES]
    assert "object_id" not in str(body["query"])  # no id lists in the query
    assert body["aggs"]["years"] == {"terms": {"field": "year", "size": elastic.YEAR_BUCKETS}}
    assert body["aggs"]["tags"]["terms"] == {
        "field": "tags", "size": 20, "order": [{"_count": "desc"}, {"_key": "asc"}]}
    assert body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    assert body["from"] == 15 and body["size"] == 15
    assert body["track_total_hits"] is True and body["_source"] == ["object_id"]


def test_body_without_filters_sorts_by_relevance(library, cases):
    body = _body(library, cases, q="党员")
    filters = _filters(body)
    assert not any("facets" in str(f) or "year" in f.get("term", {}) for f in filters)
    assert len(filters) == 5  # live, audiences, visible_from, type, library
    assert body["sort"][0] == "_score"
    assert body["from"] == 0 and body["size"] == 15


def test_restricted_case_ids_never_reach_the_query(library, cases, site_tree):
    secret = make_case(library, "secret", "学校秘密案例", field="school", text="网格化")
    restrict_to_groups(secret, site_tree.branch1.members_group)
    resolver = AnonymousScopeResolver()
    state = parse(_get(q="网格化", field="school"))
    body = elastic.build_library_search(
        INDEX, analyse_query(state.query), state, library_path=library.path,
        hidden_paths=resolver.hidden_paths).to_dict()
    assert f"'{secret.pk}'" not in str(body)
    assert {"prefix": {"path": secret.path}} in body["query"]["bool"]["must_not"]
    # No visible case is 学校: the page answers "nothing" without asking Elasticsearch.
    assert not elastic.visible_cases(library, resolver).has("school")


class FakeClient:
    """Records the bodies sent and answers with canned responses, one per search."""

    def __init__(self, *responses, error=None):
        self.responses, self.error, self.bodies = list(responses), error, []

    def search(self, index, body, **params):
        self.bodies.append(body)
        if self.error:
            raise self.error
        return mock.Mock(body=self.responses.pop(0))


def _response(ids, total, fields=None, types=None, years=(), tags=()):
    return {
        "hits": {"total": {"value": total, "relation": "eq"},
                 "hits": [{"_index": INDEX, "_id": f"case-{pk}", "_score": 1.0,
                           "_source": {"object_id": str(pk)}} for pk in ids]},
        "aggregations": {
            "fields": {"buckets": [{"key": f"case_field:{k}", "doc_count": n}
                                   for k, n in (fields or {}).items()]},
            "types": {"buckets": [{"key": f"case_type:{k}", "doc_count": n}
                                  for k, n in (types or {}).items()]},
            "years": {"buckets": [{"key": y, "doc_count": n} for y, n in years]},
            "tags": {"buckets": [{"key": t, "doc_count": n} for t, n in tags]},
        },
    }


def _active(client):
    backend = mock.Mock(client=client, index_name=INDEX)
    return (mock.patch.object(elastic, "elasticsearch_active", return_value=True),
            mock.patch.object(elastic, "_backend", return_value=backend))


def test_page_renders_results_counts_and_facets_from_elasticsearch(client, library, cases):
    by_slug = {c.slug: c for c in cases}
    fake = FakeClient(_response(
        [by_slug["c5"].pk, by_slug["c1"].pk], 42, fields={"community": 30, "rural": 12},
        types={"mechanism": 42}, years=[(2025, 40), (2026, 2)], tags=[("组织生活", 7)]))
    active, backend = _active(fake)
    with active, backend:
        response = client.get(library.url, {"q": "党员", "type": "mechanism"})
    body = response.content.decode()
    assert response.status_code == 200 and len(fake.bodies) == 1
    assert "data-case-count>42<" in body  # the total is Elasticsearch's, not the database's
    assert body.index("村级党员积分制") < body.index("社区网格党员联户")  # its order
    assert "机关支部观察员打分" not in body
    assert "组织生活" in body and "2025年" in body
    assert 'href="?page=2&amp;q=' in body or "page=2" in body  # 42 hits: three pages


def test_state_from_elasticsearch(library, cases):
    by_slug = {c.slug: c for c in cases}
    fake = FakeClient(_response([by_slug["c2"].pk, 999999], 2, fields={"community": 2},
                                types={"mechanism": 2}, years=[(2025, 1), (2026, 1)],
                                tags=[("网格化", 2), ("服务群众", 2)]))
    active, backend = _active(fake)
    with active, backend:
        state = browse(library, _get(q="网格化", sort="date"), AnonymousScopeResolver())
    assert [case.slug for case, _scope in state.items] == ["c2"]  # unknown ids dropped
    assert state.total == 2
    assert state.facets["field"] == [("community", "社区", 2)]
    assert state.facets["type"] == [("mechanism", "机制创新", 2)]
    assert state.facets["year"] == [(2026, 1), (2025, 1)]
    assert state.facets["tag"] == [("网格化", 2), ("服务群众", 2)]
    assert [link.count for _key, _title, links in state.facet_groups for link in links][:1] == [2]
    assert not state.messages and not state.search_failed


def test_page_past_the_end_is_the_last_page(library, cases):
    pks = [c.pk for c in cases]
    fake = FakeClient(_response([], 6), _response(pks[4:], 6))
    active, backend = _active(fake)
    with active, backend:
        state = browse(library, _get(q="党员", page="99"), AnonymousScopeResolver(), limit=4)
    assert state.page_obj.number == 2 and len(state.items) == 2
    assert [b["from"] for b in fake.bodies] == [392, 4]


def test_nothing_to_match_sends_no_query(library, cases):
    fake = FakeClient()
    active, backend = _active(fake)
    with active, backend:
        state = browse(library, _get(q="，。！"), AnonymousScopeResolver())
        assert state.total == 0
    assert fake.bodies == []


def test_failure_falls_back_to_the_database_index(library, cases, caplog):
    fake = FakeClient(error=ConnectionError("down"))
    active, backend = _active(fake)
    with active, backend:
        state = browse(library, _get(q="网格化"), AnonymousScopeResolver())
    assert len(fake.bodies) == 1
    assert {case.slug for case, _ in state.items} == {"c1", "c2"}  # as the database finds
    assert dict((k, n) for k, _l, n in state.facets["field"]) == {"community": 2}
    assert not state.messages
    assert "using the database index" in caplog.text


def test_page_beyond_the_hit_window_uses_the_database(library, cases, monkeypatch):
    monkeypatch.setattr(elastic, "MAX_WINDOW", 4)
    fake = FakeClient(_response([c.pk for c in cases[:4]], 6))
    active, backend = _active(fake)
    with active, backend:
        state = browse(library, _get(q="党员", page="2"), AnonymousScopeResolver(), limit=4)
    assert [b["from"] for b in fake.bodies] == [0]  # page 2 (from 4) is past the window
    database = browse(library, _get(q="党员", page="2"), AnonymousScopeResolver(), limit=4)
    assert state.total == database.total != 6
    assert [c.pk for c, _ in state.items] == [c.pk for c, _ in database.items]


def test_case_documents_carry_field_and_type_keywords(library, cases):
    from plugins.cases.search import search_providers
    from search.backends.elasticsearch.documents import build_document
    from search.backends.elasticsearch.mapping import mapping_body
    from search.providers import core_providers

    provider = search_providers()[0]
    case = cases[0]
    document = build_document(provider, case)
    assert document["facets"] == [f"case_field:{case.field}",
                                  f"case_type:{case.innovation_type}"]
    notice_provider = core_providers()[0]
    assert notice_provider.keywords_of(case) == []  # kinds without keywords add none
    assert mapping_body()["mappings"]["properties"]["facets"] == {"type": "keyword"}
