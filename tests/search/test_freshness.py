"""The search answers from the index and the page tree as they are now: a publication,
withdrawal, edit or scope change shows in the next search, for exactly its audience, and
a page of results costs no query per hit."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from pages.models import NoticePage
from tests.caching.test_invalidation import NEW_TITLE, publish_new_notice
from tests.factories import NoticePageFactory, member_of, restrict_to_party

pytestmark = pytest.mark.django_db
QUERY = "捐款"


def found(client, q=QUERY):
    """Whether the new notice is found; the API, its facets and the HTML page agree."""
    data = client.get("/api/search/", {"q": q}).json()
    page = client.get("/search/", {"q": q}).content.decode()
    titles = [r["title"] for r in data["results"]]
    assert (NEW_TITLE in titles) == (NEW_TITLE in page)
    assert (NEW_TITLE in titles) == (data["facets"]["type"].get("notice", 0) > 0)
    assert (NEW_TITLE in titles) == ("2026" in data["facets"]["year"])
    return NEW_TITLE in titles


def test_publication_withdrawal_and_scope_show_in_the_next_search(client, site_tree):
    assert not found(client)
    notice = publish_new_notice(site_tree.notices)
    assert found(client)
    notice.unpublish()
    assert not found(client)
    notice.save_revision().publish()
    assert found(client)
    restrict_to_party(notice)
    assert not found(client)
    client.force_login(member_of(site_tree.branch1, username="member1"))
    assert found(client)
    client.logout()
    assert not found(client)
    PageViewRestriction.objects.filter(page=notice).delete()
    assert found(client)


def test_an_edited_title_is_shown_and_highlighted_at_once(client, site_tree):
    notice = publish_new_notice(site_tree.notices)
    assert found(client)
    page = NoticePage.objects.get(pk=notice.pk)
    page.title = "关于开展防汛救灾捐款活动的补充通知"
    page.save_revision().publish()
    data = client.get("/api/search/", {"q": "补充"}).json()
    assert [r["title"] for r in data["results"]] == [page.title]
    html = client.get("/search/", {"q": "补充"}).content.decode()
    assert "<mark>补充</mark>" in html


@pytest.mark.requires_plugin("reviews")
def test_public_review_results_appear_once_closed_and_never_before(
        client, site_tree, monkeypatch):
    from tests.plugins.reviews.conftest import make_campaign
    from tests.plugins.reviews.helpers import closed_campaign, publish

    closed_campaign(site_tree, slug="pub", title="2025年下半年群众评议")
    running = make_campaign(site_tree, slug="running", title="正在进行的群众评议")
    publish(running)  # results flagged, but the campaign closes in 30 days

    def urls():
        data = client.get("/api/search/", {"q": "群众评议"}).json()
        return {r["url"] for r in data["results"] if r["type"] == "reviews"}

    assert urls() == {"/reviews/pub/results/"}
    later = timezone.now() + datetime.timedelta(days=31)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert urls() == {"/reviews/pub/results/", "/reviews/running/results/"}


def test_filter_controls_show_each_requests_selection(client, site_tree):
    publish_new_notice(site_tree.notices)
    plain = client.get("/search/", {"q": QUERY}).content.decode()
    chosen = client.get("/search/", {"q": QUERY, "year": 2026, "tag": "防汛",
                                      "sort": "date"}).content.decode()
    assert '<option value="2026" selected>' in chosen
    assert '<option value="防汛" selected>' in chosen
    assert '<option value="date" selected>' in chosen
    controls = plain.split('name="type"', 1)[1].split("</fieldset>")[0]
    assert controls.count(" selected>") == 1  # 按相关度, the default sort
    assert '<option value="relevance" selected>' in controls


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_a_page_of_results_costs_no_query_per_hit(client, site_tree, sort):
    def queries(expected_count):
        with CaptureQueriesContext(connection) as captured:
            data = client.get("/api/search/", {"q": "防汛演练", "sort": sort}).json()
        assert data["count"] == expected_count
        return len(captured.captured_queries)

    def add(n, start):
        for i in range(start, start + n):
            NoticePageFactory(parent=site_tree.notices, slug=f"drill-{i}",
                              title=f"防汛演练安排（{i}）", summary="防汛演练。")

    add(2, 0)
    queries(2)  # the first search of a process may read what stays (content types)
    few = queries(2)
    add(18, 2)  # a full page of ten, and more
    # No query per hit. (Twenty title matches fill the page from the title tier, so the
    # body tier is not even read: fewer queries, not more.)
    assert queries(20) <= few
