"""Compiled search statements kept per cache generation (search:plan, search:scope-sql).

A search nobody made before runs each provider's count, candidates and load from SQL
compiled once (search/engines/plans.py). The data is committed (transactional tests) and
the outcome memo is off, so every search runs its queries -- and reads the kept plans,
as a cold search does in production.
"""

import pytest
from django.db.models.sql import compiler
from wagtail.models import PageViewRestriction

from caching import memo
from portal.scope import AnonymousScopeResolver, ScopeResolver
from search.analysis import analyse_query
from search.engines import get_engine, plans
from search.engines.base import SearchParams
from search.engines.database import use_memo
from search.engines.hits import use_hit_memo
from tests.caching.test_invalidation import NEW_TITLE, publish_new_notice
from tests.factories import member_of, restrict_to_party

pytestmark = pytest.mark.django_db(transaction=True)
QUERY = "捐款"


@pytest.fixture
def cold():
    token = use_memo.set(False)
    yield
    use_memo.reset(token)


def kept(name=plans.PLAN_NAME):
    """The keys of the plans a search would read now (current generation)."""
    return {key for key in memo._state["values"].get(name, {})
            if memo.lookup(name, key)[1] is not memo.MISSING}


def snapshot(outcome):
    return (outcome.count, outcome.count_capped, outcome.page, outcome.num_pages,
            dict(outcome.type_counts), dict(outcome.year_counts),
            [(h.title, h.url, h.type, h.date, str(h.title_html), str(h.snippet), h.scope)
             for h in outcome.hits])


def run(params, resolver):
    return snapshot(get_engine()._search(analyse_query(params.query), params, resolver, None))


def found(client, q=QUERY):
    data = client.get("/api/search/", {"q": q}).json()
    titles = [r["title"] for r in data["results"]]
    assert (NEW_TITLE in titles) == (data["facets"]["type"].get("notice", 0) > 0)
    assert (NEW_TITLE in titles) == ("2026" in data["facets"]["year"])
    return NEW_TITLE in titles


def test_kept_plans_give_the_orm_outcome(committed_tree, monkeypatch):
    publish_new_notice(committed_tree.notices)
    member = member_of(committed_tree.branch1, username="member1")
    restrict_to_party(committed_tree.public_notice)
    resolvers = [AnonymousScopeResolver(), ScopeResolver(member)]
    variants = [{}, {"page": 2, "per_page": 1}, {"sort": "date"}, {"year": 2026},
                {"types": ["notice"]}, {"tag": "防汛"}, {"section": committed_tree.notices},
                {"organisation": committed_tree.branch1}]
    queries = [QUERY, "党支部", "通知", "党", "三会一课 学习", "nothing-like-it"]
    original = plans.ProviderSearch._plan
    for resolver in resolvers:
        for query in queries:
            for variant in variants:
                params = SearchParams(query=query, **variant)
                monkeypatch.setattr(plans.ProviderSearch, "_plan", lambda self: None)
                expected = run(params, resolver)
                monkeypatch.setattr(plans.ProviderSearch, "_plan", original)
                assert run(params, resolver) == expected, (query, variant)  # compiles
                assert run(params, resolver) == expected, (query, variant)  # kept
    assert kept()


def test_a_cold_search_runs_kept_statements_without_the_orm(
        client, committed_tree, cold, monkeypatch, django_assert_num_queries):
    publish_new_notice(committed_tree.notices)
    client.get("/api/search/", {"q": "防汛"})  # compiles the plans of the public scope
    compiled = []
    as_sql = compiler.SQLCompiler.as_sql

    def recording(self, *args, **kwargs):
        sql, params = as_sql(self, *args, **kwargs)
        compiled.append(sql)
        return sql, params

    monkeypatch.setattr(compiler.SQLCompiler, "as_sql", recording)
    # The 通报 plugin's visible ids are kept SQL for the public too (none published here:
    # that provider then counts 0 without a query); one query for the five others'
    # counts and year facets (UNION ALL); for the one provider with matches, its
    # title-tier candidates (one title match, fewer than the page, so the plain match is
    # read too). With the hit cards off: the page's notice, the notice's tags and
    # attachments (its search fields, prefetched); the title of its 栏目 for the meta line and
    # the organisations' groups for its scope label. On every request the scope resolver
    # reads the restrictions, their groups and the alias map (3: nothing is kept between
    # requests).
    token = use_hit_memo.set(False)
    try:
        with django_assert_num_queries(11):
            data = client.get("/api/search/", {"q": QUERY}).json()
    finally:
        use_hit_memo.reset(token)
    assert [r["title"] for r in data["results"]] == [NEW_TITLE]
    assert not [sql for sql in compiled if "wagtailsearch_indexentry" in sql]
    # The first search showed that notice: its card is kept, so nothing is loaded (beyond
    # the scope resolver's 3).
    with django_assert_num_queries(6):
        again = client.get("/api/search/", {"q": QUERY}).json()
    assert again == data


def test_plans_are_dropped_when_the_generation_moves(client, committed_tree, cold):
    assert not found(client)
    assert kept()
    notice = publish_new_notice(committed_tree.notices)
    assert not kept() and not kept(plans.SCOPE_NAME)  # a new generation starts empty
    assert found(client)
    notice.unpublish()
    assert not found(client)
    notice.save_revision().publish()
    assert found(client)
    restrict_to_party(notice)
    assert not found(client)
    PageViewRestriction.objects.filter(page=notice).delete()
    assert found(client)


def test_plans_are_never_shared_across_scopes(client, committed_tree, cold):
    notice = publish_new_notice(committed_tree.notices)
    restrict_to_party(notice)
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert found(client)  # compiles the member's plans
    member_keys = set(kept())
    client.logout()
    assert not found(client)
    public_keys = set(kept()) - member_keys
    assert public_keys, "the public search compiled plans of its own"
    # Every kept key names its scope's SQL: the member's never served the public.
    assert all(key[2] not in {k[2] for k in member_keys} for key in public_keys
               if key[0] == "notice")


def test_later_tiers_are_read_only_when_first_tiers_leave_the_page_short(
        committed_tree, monkeypatch):
    """Body-only matches rank below every provider's title matches, so when the title
    tiers together fill the page the body tiers are not read -- same outcome."""
    publish_new_notice(committed_tree.notices)
    resolvers = [AnonymousScopeResolver(),
                 ScopeResolver(member_of(committed_tree.branch1, username="member1"))]
    variants = [{}, {"per_page": 1}, {"page": 2, "per_page": 1}, {"page": 3, "per_page": 2},
                {"types": ["notice"]}]
    queries = [QUERY, "党支部", "通知", "党", "三会一课 学习", "支部", "观察员"]
    asked = []
    original = plans.ProviderSearch.ranked

    def recording(self, stop, first_tier_only=False):
        asked.append(first_tier_only)
        return original(self, stop, first_tier_only)

    def every_tier(self, stop, first_tier_only=False):
        return original(self, stop)

    for resolver in resolvers:
        for query in queries:
            for variant in variants:
                params = SearchParams(query=query, **variant)
                monkeypatch.setattr(plans.ProviderSearch, "ranked", every_tier)
                expected = run(params, resolver)
                monkeypatch.setattr(plans.ProviderSearch, "ranked", recording)
                assert run(params, resolver) == expected, (query, variant)
    # Some searches were served by the first tiers alone, others needed the rest.
    assert asked.count(False) and asked.count(True) > asked.count(False)


def test_a_page_of_title_matches_reads_no_body_tier(
        committed_tree, cold, django_assert_num_queries):
    # Three notices and two experience cases titled with the word: with five to a page,
    # the two title tiers together fill it (neither alone does).
    import datetime

    from wagtail.rich_text import RichText

    from pages.models import ExperienceCasePage, NoticePage

    for i in range(5):
        model, section = ((NoticePage, committed_tree.notices) if i < 3
                          else (ExperienceCasePage, committed_tree.cases))
        page = model(title=f"{NEW_TITLE}（{i}）", slug=f"relief-{i}", live=False,
                     date=datetime.date(2026, 11, 20),
                     body=[("paragraph", RichText("<p>捐款。</p>"))])
        section.add_child(instance=page)
        page.save_revision().publish()
    resolver = AnonymousScopeResolver()
    params = SearchParams(query=QUERY, per_page=5)
    get_engine()._search(analyse_query(QUERY), params, resolver, None)  # compiles, keeps cards
    # The count (one UNION ALL) and each kind's title tier: no body tier.
    with django_assert_num_queries(3):
        outcome = get_engine()._search(analyse_query(QUERY), params, resolver, None)
    assert sorted(hit.title for hit in outcome.hits) == [f"{NEW_TITLE}（{i}）" for i in range(5)]
