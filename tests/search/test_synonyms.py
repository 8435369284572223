"""Synonyms: the shipped list, query-time expansion on every backend, exact matches first,
已同时检索, and the admin snippet."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText

from search.analysis import analyse_query
from search.analysis.synonyms import variants, without_synonyms
from search.models import SynonymGroup
from tests.factories import NoticePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def _notice(tree, title, text="各党支部按要求执行。", **kwargs):
    return NoticePageFactory(parent=tree.notices, title=title,
                             body=[("paragraph", RichText(f"<p>{text}</p>"))], **kwargs)


def test_the_list_is_shipped_with_the_issue_examples():
    shipped = {frozenset(g.term_list()) for g in SynonymGroup.objects.all()}
    for pair in (("民主评议会", "民主评议"), ("交纳党费", "缴纳党费"), ("党员发展", "发展党员"),
                 ("主题党日方案", "主题党日活动")):
        assert frozenset(pair) in shipped


def test_variants_replace_the_term_inside_the_query():
    assert [v[2] for v in variants("如何交纳党费")] == ["如何缴纳党费"]
    assert [v[2] for v in variants("黨員發展 程序")] == ["发展党员 程序"]
    # a longer term is not expanded to a wording that only narrows it
    assert variants("民主评议") == []
    assert variants("三会一课") == []
    with without_synonyms():
        assert variants("交纳党费") == []
    assert analyse_query("交纳党费") != analyse_query("缴纳党费")


def test_an_edited_group_applies_at_once_and_a_disabled_one_not_at_all():
    group = SynonymGroup.objects.create(terms="灯下黑、身边问题")
    assert [v[1] for v in variants("灯下黑")] == ["身边问题"]
    group.enabled = False
    group.save()
    assert variants("灯下黑") == []


@pytest.mark.parametrize("terms, message", [
    ("只有一个", "至少填写两个"), ("甲、" + "乙" * 41, "不超过40个字"),
])
def test_a_bad_group_is_refused_in_chinese(terms, message):
    with pytest.raises(ValidationError) as error:
        SynonymGroup(terms=terms).full_clean()
    assert message in str(error.value)


@pytest.mark.usefixtures("search_backend")
@pytest.mark.parametrize("query, exact_title, synonym_title, also", [
    ("交纳党费", "关于按时交纳党费的通知", "关于按月缴纳党费的提醒", "缴纳党费"),
    ("民主评议会", "召开民主评议会的安排", "开展民主评议的安排", "民主评议"),
    ("主题党日方案", "五月主题党日方案", "五月主题党日活动纪实", "主题党日活动"),
])
def test_synonyms_find_both_wordings_exact_first(site_tree, api, client, query, exact_title,
                                                 synonym_title, also):
    # the synonym match is newer and names the term twice: only the tiering puts it second
    exact = _notice(site_tree, exact_title)
    synonym = _notice(site_tree, synonym_title + synonym_title.removeprefix("关于"))
    data = api(q=query)
    urls = [r["url"] for r in data["results"]]
    assert exact.url in urls and synonym.url in urls
    assert urls.index(exact.url) < urls.index(synonym.url)
    assert data["count"] == len(urls)
    assert also in data["also_searched"]
    page = client.get("/search/", {"q": query}).content.decode()
    assert "已同时检索：" in page and also in page


@pytest.mark.usefixtures("search_backend")
def test_a_reordered_wording_is_found_and_named(site_tree, api):
    # 党员发展 is two words ANDed, so 发展党员 matched it before; the page still names it
    both = {_notice(site_tree, "党员发展工作流程").url, _notice(site_tree, "做好发展党员工作").url}
    data = api(q="党员发展")
    assert both <= {r["url"] for r in data["results"]}
    assert data["also_searched"] == ["发展党员"]


@pytest.mark.usefixtures("search_backend")
def test_exact_matches_fill_the_first_pages_before_any_synonym_match(site_tree, api):
    synonyms = [_notice(site_tree, f"缴纳党费提醒{n}") for n in range(3)]
    exact = [_notice(site_tree, f"交纳党费通知{n}") for n in range(12)]
    first, second = api(q="交纳党费"), api(q="交纳党费", page=2)
    assert first["count"] == 15 and first["num_pages"] == 2
    assert {r["url"] for r in first["results"]} <= {p.url for p in exact}
    second_urls = [r["url"] for r in second["results"]]
    assert set(second_urls[:2]) <= {p.url for p in exact}
    assert set(second_urls[2:]) == {p.url for p in synonyms}


def test_the_admin_lists_adds_and_edits_groups(client):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    admin_client = client
    listing = admin_client.get("/admin/snippets/portal_search/synonymgroup/")
    assert listing.status_code == 200 and "交纳党费" in listing.content.decode()
    response = admin_client.post("/admin/snippets/portal_search/synonymgroup/add/",
                                 {"terms": "党员", "note": "", "enabled": "on"})
    assert response.status_code == 200 and "至少填写两个" in response.content.decode()
    response = admin_client.post("/admin/snippets/portal_search/synonymgroup/add/",
                                 {"terms": "灯下黑，身边问题", "note": "", "enabled": "on"})
    assert response.status_code == 302
    assert [v[1] for v in variants("灯下黑")] == ["身边问题"]


@pytest.mark.usefixtures("search_backend")
@pytest.mark.parametrize("narrowed", [{}, {"type": "notice"}])  # Elasticsearch: both shapes
def test_a_body_match_of_the_query_as_typed_ranks_above_a_title_match_of_a_variant(
        site_tree, api, narrowed):
    # a title match alone would rank first (a tier on the databases, 20 times the score
    # on Elasticsearch); the exact match still goes first
    synonym = _notice(site_tree, "缴纳党费的提醒")
    exact = _notice(site_tree, "本月工作安排", text="请各党员按时交纳党费。")
    urls = [r["url"] for r in api(q="交纳党费", **narrowed)["results"]]
    assert urls == [exact.url, synonym.url]


def test_a_synonym_query_is_one_search_on_the_database(site_tree, django_assert_num_queries):
    """The count covers the variants in the same statements; the ranking reads the query
    as typed first and reads matches found through a variant alone (its title tier and
    the rest: two statements) only when the query as typed does not fill the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.scope import AnonymousScopeResolver
    from search.engines import get_engine
    from search.engines import synonyms as synonym_search
    from search.engines.base import SearchParams

    exact = _notice(site_tree, "关于按时交纳党费的通知")
    synonym = _notice(site_tree, "关于按月缴纳党费的提醒", text="缴纳党费")
    engine, resolver = get_engine(), AnonymousScopeResolver()
    assert variants("交纳党费")  # the list is read (and kept) before counting
    synonym_search.search(engine, SearchParams(query="党费"), resolver)  # caches warmed
    for per_page, extra in ((1, 0), (10, 2)):
        params = SearchParams(query="交纳党费", per_page=per_page)
        with without_synonyms(), CaptureQueriesContext(connection) as plain:
            alone = synonym_search.search(engine, params, resolver)[0]
        with django_assert_num_queries(len(plain.captured_queries) + extra):
            outcome, pairs = synonym_search.search(engine, params, resolver)
        assert alone.count == 1 and outcome.count == 2 and pairs == [("交纳党费", "缴纳党费")]
        assert [hit.url for hit in outcome.hits] == [exact.url, synonym.url][:per_page]


@pytest.mark.usefixtures("search_backend")
def test_the_query_as_typed_in_a_title_ranks_above_it_in_a_body_under_a_variant_title(
        site_tree, api):
    exact = _notice(site_tree, "关于交纳党费的通知")
    mixed = _notice(site_tree, "缴纳党费的提醒", text="请按时交纳党费，交纳党费不得拖延。")  # newer
    urls = [r["url"] for r in api(q="交纳党费")["results"]]
    assert urls == [exact.url, mixed.url]


@pytest.mark.parametrize("search_backend", ["elasticsearch"], indirect=True)
def test_a_synonym_query_is_one_search_on_elasticsearch(site_tree, search_backend, monkeypatch):
    from wagtail.search.backends import get_search_backend

    from portal.scope import AnonymousScopeResolver
    from search.engines import get_engine
    from search.engines import synonyms as synonym_search
    from search.engines.base import SearchParams

    exact = _notice(site_tree, "本月工作安排", text="请各党员按时交纳党费。")
    synonym = _notice(site_tree, "关于按月缴纳党费的提醒")
    engine, resolver = get_engine(), AnonymousScopeResolver()
    client = get_search_backend("elasticsearch").client
    sent = []  # (API, the bodies it carried)

    def counted(name):
        method = getattr(client, name)

        def call(*args, **kwargs):
            body = kwargs.get("body")
            sent.append((name, body if isinstance(body, list) else [body]))
            return method(*args, **kwargs)
        return call

    for name in ("search", "msearch"):
        monkeypatch.setattr(client, name, counted(name))
    with without_synonyms():
        alone = synonym_search.search(engine, SearchParams(query="交纳党费"), resolver)[0]
    plain, sent[:] = list(sent), []
    outcome, pairs = synonym_search.search(engine, SearchParams(query="交纳党费"), resolver)
    assert alone.count == 1 and outcome.count == 2 and pairs == [("交纳党费", "缴纳党费")]
    assert [hit.url for hit in outcome.hits] == [exact.url, synonym.url]
    # the same requests as without the synonym: the page and counts, then the years
    assert [name for name, _bodies in sent] == [name for name, _bodies in plain]
    assert [name for name, _bodies in sent] == ["msearch", "search"]
    pages = [body for _name, bodies in sent for body in bodies
             if isinstance(body, dict) and body.get("size", 10) > 0 and "query" in body]
    assert len(pages) == 1  # one search ranks the page
