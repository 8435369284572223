"""Site data kept per cache generation (caching.memo) is never stale.

These tests commit their data (transactional) with the page cache off, so every request
renders the page and reads the navigation, restrictions and listings from the memo --
the path an uncached page takes in production.
"""

import datetime

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from caching import memo
from pages.models import NoticePage
from portal.models import PortalSettings
from portal.scope import PATH_ALPHABET, subtree_range
from tests.caching.test_invalidation import NEW_TITLE, publish_new_notice, shows
from tests.factories import NoticePageFactory, member_of, restrict_to_party

pytestmark = pytest.mark.django_db(transaction=True)


def test_repeated_renders_skip_the_kept_queries(client, committed_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = committed_tree.notices.url
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert client.get(url).status_code == 200
    assert len(second.captured_queries) < len(first.captured_queries)


def test_new_notice_is_listed_at_once(client, committed_tree):
    newest = NoticePage.objects.live().public().order_by("-date", "-id").first()
    for url in ("/", committed_tree.notices.url, newest.url):
        assert not shows(client, url)  # fills the memo
    publish_new_notice(committed_tree.notices)
    assert shows(client, "/")
    assert shows(client, committed_tree.notices.url)
    assert shows(client, newest.url)  # now its 下一篇


def test_withdrawn_notice_vanishes_at_once(client, committed_tree):
    notice = publish_new_notice(committed_tree.notices)
    for url in ("/", committed_tree.notices.url):
        assert shows(client, url)
    notice.unpublish()
    for url in ("/", committed_tree.notices.url, committed_tree.public_notice.url):
        assert not shows(client, url), url


def test_newly_restricted_notice_vanishes_for_the_public_only(client, committed_tree):
    notice = publish_new_notice(committed_tree.notices)
    assert shows(client, "/")
    restrict_to_party(notice)
    for url in ("/", committed_tree.notices.url, committed_tree.public_notice.url):
        assert not shows(client, url), url
    # A party member's memo entry is a different one (other hidden paths): still listed.
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert shows(client, "/")
    assert shows(client, committed_tree.notices.url)


def test_restricted_section_leaves_the_main_navigation(client, committed_tree):
    assert "通知公告" in client.get("/").content.decode()
    restrict_to_party(committed_tree.notices)
    nav = client.get("/").content.decode().split('class="mainnav"')[1].split("</nav>")[0]
    assert "通知公告" not in nav
    PageViewRestriction.objects.filter(page=committed_tree.notices).delete()
    nav = client.get("/").content.decode().split('class="mainnav"')[1].split("</nav>")[0]
    assert "通知公告" in nav


def test_section_count_follows_at_once(client, committed_tree):
    for i in range(16):  # two pages of 15
        NoticePageFactory(parent=committed_tree.notices, title=f"批量通知{i}", slug=f"bulk-{i}",
                          date=datetime.date(2020, 1, 1) + datetime.timedelta(days=i))
    before = client.get(committed_tree.notices.url).content.decode()
    assert "第 1/2 页" in before
    publish_new_notice(committed_tree.notices)
    after = client.get(committed_tree.notices.url).content.decode()
    assert NEW_TITLE in after
    total_before = int(before.split("共 ")[1].split(" 条")[0])
    assert f"共 {total_before + 1} 条" in after


def test_footer_settings_follow_at_once(client, committed_tree):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    client.get("/")
    settings = PortalSettings.for_site(site)
    settings.sponsor = "中共临江市财政局机关委员会（测试）"
    settings.save()
    assert "机关委员会（测试）" in client.get("/").content.decode()


def test_nothing_is_kept_inside_a_transaction(committed_tree):
    calls = []

    def build():
        calls.append(1)
        return len(calls)

    with transaction.atomic():
        assert memo.memoised("test", None, build) == 1
        assert memo.memoised("test", None, build) == 2
    assert memo.memoised("test", None, build) == 3
    assert memo.memoised("test", None, build) == 3  # kept once committed state is read


def test_a_new_generation_drops_what_was_kept(committed_tree):
    from caching.signals import invalidate

    assert memo.memoised("test", None, lambda: "old") == "old"
    assert memo.memoised("test", None, lambda: "new") == "old"
    invalidate("test")
    assert memo.memoised("test", None, lambda: "new") == "new"


path_steps = st.lists(st.text(alphabet=PATH_ALPHABET, min_size=4, max_size=4),
                      min_size=1, max_size=5).map("".join)


@pytest.mark.django_db(transaction=False)
@given(path_steps, path_steps, st.booleans())
def test_subtree_range_is_exactly_the_subtree(root, tail, descend):
    other = root + tail if descend else tail
    low, high = subtree_range(root)
    assert (low <= other < high) == other.startswith(root)
    assert low <= root < high
