"""Hit cards kept per cache generation (search:hit, search/engines/hits.py), and the
plugins' visible querysets kept as SQL for the public (SearchProvider.scope_key).

The data is committed (transactional tests) and the outcome memo is off, so every search
runs its queries and reads the kept cards, as a cold search does in production.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from caching import memo
from pages.models import NoticePage
from plugins.commitments.search import public_scope_key
from portal.scope import AnonymousScopeResolver, ScopeResolver
from search.engines import get_engine, hits, plans
from search.engines.base import SearchParams
from search.engines.database import use_memo
from search.engines.hits import HIT_NAME, use_hit_memo
from tests.caching.test_invalidation import NEW_TITLE, publish_new_notice
from tests.factories import member_of, restrict_to_party
from tests.plugins.reviews.conftest import make_campaign
from tests.plugins.reviews.helpers import closed_campaign, publish

from .test_search_plans import QUERY, found, kept, run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cold():
    """The outcome memo off: every search runs (and reads the kept cards)."""
    token = use_memo.set(False)
    yield
    use_memo.reset(token)


def cards_for(pk):
    """Audiences (host, logged in, hidden paths) holding a kept card of notice `pk`."""
    return {key[2:] for key in kept(HIT_NAME) if key[:2] == ("notice", pk)}


def test_kept_cards_give_the_outcome_of_loading_every_hit(committed_tree):
    publish_new_notice(committed_tree.notices)
    member = member_of(committed_tree.branch1, username="member1")
    restrict_to_party(committed_tree.public_notice)
    resolvers = [AnonymousScopeResolver(), ScopeResolver(member)]
    variants = [{}, {"page": 2, "per_page": 1}, {"sort": "date"}, {"types": ["notice"]}]
    # Queries sharing hits, so later ones are served cards kept by earlier ones: the
    # highlights must still follow each query.
    queries = [QUERY, "防汛", "党支部", "通知", "党", "三会一课 学习", "活动"]
    cases = [(resolver, SearchParams(query=q, **v))
             for resolver in resolvers for q in queries for v in variants]
    token = use_hit_memo.set(False)
    expected = [run(params, resolver) for resolver, params in cases]
    use_hit_memo.reset(token)
    assert not kept(HIT_NAME)
    for _round in range(2):  # builds the cards, then reads them
        for (resolver, params), outcome in zip(cases, expected, strict=True):
            assert run(params, resolver) == outcome, (params, resolver)
    assert kept(HIT_NAME)


def test_a_card_is_read_instead_of_loading(committed_tree, cold, django_assert_num_queries):
    notice = publish_new_notice(committed_tree.notices)
    resolver = AnonymousScopeResolver()
    first = get_engine()._search(*_args("捐款", resolver))
    assert [hit.title for hit in first.hits] == [NEW_TITLE]
    assert cards_for(notice.pk)
    # Another query finding the same notice: its counts and candidates only.
    with django_assert_num_queries(3):
        other = get_engine()._search(*_args("防汛", resolver))
    assert [hit.title for hit in other.hits] == [NEW_TITLE]
    assert "<mark>防汛</mark>" in str(other.hits[0].title_html)
    assert "<mark>" not in str(first.hits[0].title_html).replace("<mark>捐款</mark>", "")


def _args(query, resolver):
    from search.analysis import analyse_query

    return analyse_query(query), SearchParams(query=query), resolver, None


def test_kept_cards_follow_publication_privacy_and_edits(client, committed_tree, cold):
    notice = publish_new_notice(committed_tree.notices)
    assert found(client)
    assert cards_for(notice.pk)
    notice.unpublish()
    assert not cards_for(notice.pk)  # a new generation starts empty
    assert not found(client)
    notice.save_revision().publish()
    assert found(client)
    restrict_to_party(notice)
    assert not found(client)
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert found(client)
    client.logout()
    PageViewRestriction.objects.filter(page=notice).delete()
    assert found(client)
    page = NoticePage.objects.get(pk=notice.pk)
    page.title = "关于开展防汛救灾捐款活动的补充通知"
    page.save_revision().publish()
    titles = [r["title"] for r in client.get("/api/search/", {"q": QUERY}).json()["results"]]
    assert titles == ["关于开展防汛救灾捐款活动的补充通知"]


def test_cards_are_never_shared_between_the_public_and_members(client, committed_tree, cold):
    notice = publish_new_notice(committed_tree.notices)
    restrict_to_party(notice)
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert found(client)
    audiences = cards_for(notice.pk)
    assert audiences and all(logged_in for _host, logged_in, _hidden in audiences)
    client.logout()
    assert not found(client)
    assert cards_for(notice.pk) == audiences  # the public read none
    # Even asked directly, the public's audience finds no card of it.
    generation = memo.reading_generation()
    cards = hits.Cards(AnonymousScopeResolver(), None, generation)
    assert cards.kept([(_notice_provider(), notice.pk)]) == {}
    # A public notice gets one card per audience.
    PageViewRestriction.objects.filter(page=notice).delete()
    assert found(client)
    client.force_login(member_of(committed_tree.branch2, username="member2"))
    assert found(client)
    assert {logged_in for _host, logged_in, _hidden in cards_for(notice.pk)} == {False, True}


def _notice_provider():
    from search.providers import get_provider

    return get_provider("notice")


def test_plugin_querysets_are_kept_for_the_public_only(client, committed_tree, cold):
    def plugin_keys():
        return {key for key in kept(plans.SCOPE_NAME) if key[0] in ("reviews", "commitment")}

    client.get("/api/search/", {"q": "群众评议"})
    public = plugin_keys()
    assert {key[0] for key in public} == {"reviews", "commitment"}
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    client.get("/api/search/", {"q": "群众评议"})
    assert plugin_keys() == public  # a member's are built on every search
    member = ScopeResolver(member_of(committed_tree.branch2, username="member2"))
    assert public_scope_key(member) is None
    anonymous = AnonymousScopeResolver()
    assert public_scope_key(anonymous) == ("public", tuple(anonymous.hidden_paths))


def test_public_review_results_appear_once_closed_and_never_before(
        client, committed_tree, cold, monkeypatch):
    closed_campaign(committed_tree, slug="pub", title="2025年下半年群众评议")
    running = make_campaign(committed_tree, slug="running", title="正在进行的群众评议")
    publish(running)  # results flagged, but the campaign closes in 30 days

    def urls():
        data = client.get("/api/search/", {"q": "群众评议"}).json()
        return {r["url"] for r in data["results"] if r["type"] == "reviews"}

    assert urls() == {"/reviews/pub/results/"}
    assert urls() == {"/reviews/pub/results/"}  # from the kept SQL
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert urls() == {"/reviews/pub/results/", "/reviews/running/results/"}


def test_a_cards_rendered_meta_line_is_the_templates(committed_tree, cold):
    import dataclasses

    from django.template.loader import render_to_string

    notice = publish_new_notice(committed_tree.notices)
    restrict_to_party(notice)
    resolver = ScopeResolver(member_of(committed_tree.branch1, username="member1"))
    [hit] = get_engine()._search(*_args("捐款", resolver)).hits
    assert hit.meta_html and "2026-11-20" in hit.meta_html and "scope--" in hit.meta_html

    def page(hit):
        return " ".join(render_to_string("search/includes/hits.html", {"hits": [hit]}).split())

    assert page(hit) == page(dataclasses.replace(hit, meta_html=""))


def test_kept_filter_controls_show_each_requests_selection(client, committed_tree, cold):
    publish_new_notice(committed_tree.notices)
    for _round in range(2):  # renders the controls, then reads them kept
        plain = client.get("/search/", {"q": QUERY}).content.decode()
        chosen = client.get("/search/", {"q": QUERY, "year": 2026, "tag": "防汛",
                                          "sort": "date"}).content.decode()
        assert '<option value="2026" selected>' in chosen
        assert '<option value="防汛" selected>' in chosen
        assert '<option value="date" selected>' in chosen
        controls = plain.split('name="type"', 1)[1].split("</fieldset>")[0]
        assert controls.count(" selected>") == 1  # 按相关度, the default sort
        assert '<option value="relevance" selected>' in controls
