"""Search outcomes kept per cache generation (search:outcome) are never stale or leaked.

The data is committed (transactional tests) and the page cache is off, so every request
runs the search and reads the kept outcome when there is one -- the path an uncached
search takes in production.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.caching.test_invalidation import NEW_TITLE, publish_new_notice
from tests.factories import member_of, restrict_to_party

pytestmark = pytest.mark.django_db(transaction=True)
QUERY = "捐款"


def search(client, q=QUERY):
    data = client.get("/api/search/", {"q": q}).json()
    page = client.get("/search/", {"q": q}).content.decode()
    return data, page


def found(client, q=QUERY):
    data, page = search(client, q)
    titles = [r["title"] for r in data["results"]]
    in_page = NEW_TITLE in page
    assert (NEW_TITLE in titles) == in_page
    assert data["facets"]["type"].get("notice", 0) == data["count"]
    if NEW_TITLE in titles:
        assert data["count"] == 1 and data["facets"]["year"] == {"2026": 1}
        assert "找到 <strong>1</strong>" in page
    else:
        assert data["count"] == 0 and data["facets"]["year"] == {}
    return NEW_TITLE in titles


def test_a_repeated_search_is_answered_from_the_memo(client, committed_tree):
    publish_new_notice(committed_tree.notices)
    search(client)
    with CaptureQueriesContext(connection) as first:
        client.get("/api/search/", {"q": QUERY})
    assert not any("wagtailsearch_indexentry" in q["sql"] for q in first.captured_queries)
    # Spacing and full-width forms are the same analysed query: the same entry.
    with CaptureQueriesContext(connection) as again:
        client.get("/api/search/", {"q": f"  {QUERY} "})
    assert not any("wagtailsearch_indexentry" in q["sql"] for q in again.captured_queries)


def test_a_new_notice_is_found_at_once(client, committed_tree):
    assert not found(client)  # keeps the empty outcome
    publish_new_notice(committed_tree.notices)
    assert found(client)


def test_a_withdrawn_notice_vanishes_at_once(client, committed_tree):
    notice = publish_new_notice(committed_tree.notices)
    assert found(client)
    notice.unpublish()
    assert not found(client)


def test_a_newly_restricted_notice_vanishes_for_the_public_only(client, committed_tree):
    notice = publish_new_notice(committed_tree.notices)
    assert found(client)
    restrict_to_party(notice)
    assert not found(client)
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert found(client)  # members are never served a kept (public) outcome
    client.logout()
    assert not found(client)
    PageViewRestriction.objects.filter(page=notice).delete()
    assert found(client)


def test_members_never_share_or_fill_the_memo(client, committed_tree):
    notice = publish_new_notice(committed_tree.notices)
    restrict_to_party(notice)
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert found(client)
    client.logout()
    assert not found(client)  # nothing a member saw was kept for the public
