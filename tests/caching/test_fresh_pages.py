"""Pages the page cache does not serve are never stale and never shared across scopes.

These tests commit their data (transactional) with the page cache off, so every request
renders its page; navigation and footer come from `{% cache %}` fragments keyed on the
page-cache generation (and, for navigation, the requester's scope) -- the path an
uncached page takes in production.
"""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from pages.models import NoticePage
from portal.models import PortalSettings
from portal.scope import PATH_ALPHABET, subtree_range
from tests.caching.test_invalidation import NEW_TITLE, publish_new_notice, shows
from tests.factories import (
    NoticePageFactory,
    SectionPageFactory,
    member_of,
    restrict_to_party,
)

pytestmark = pytest.mark.django_db(transaction=True)


def nav_of(html):
    return html.split('class="mainnav"')[1].split("</nav>")[0]


def test_navigation_marks_the_current_section_on_each_page(client, committed_tree):
    home_nav = nav_of(client.get("/").content.decode())
    notices_nav = nav_of(client.get(committed_tree.notices.url).content.decode())
    notice_nav = nav_of(client.get(committed_tree.public_notice.url).content.decode())
    assert 'href="/" aria-current="page"' in home_nav
    assert 'href="/" aria-current="page"' not in notices_nav
    for nav in (notices_nav, notice_nav):  # a 栏目 and a notice inside it share the mark
        assert f'href="{committed_tree.notices.url}" aria-current="page"' in nav
    assert f'href="{committed_tree.notices.url}" aria-current="page"' not in home_nav


def test_a_member_and_the_public_never_share_a_page(client, committed_tree):
    party = committed_tree.party_notice.title
    assert party not in client.get(committed_tree.notices.url).content.decode()
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert party in client.get(committed_tree.notices.url).content.decode()
    assert party in client.get("/").content.decode()
    client.logout()
    assert party not in client.get(committed_tree.notices.url).content.decode()
    assert party not in client.get("/").content.decode()


def test_edited_notice_body_shows_at_once(client, committed_tree):
    notice = NoticePage.objects.get(pk=committed_tree.public_notice.pk)
    assert "修订后的正文段落" not in client.get(notice.url).content.decode()
    notice.body = [("paragraph", "<p>修订后的正文段落</p>")]
    notice.save_revision().publish()
    assert "修订后的正文段落" in client.get(notice.url).content.decode()


def test_restricted_page_still_refuses_the_public(client, committed_tree):
    notice = NoticePageFactory(parent=committed_tree.notices, title="限制访问的通知", slug="later-restricted")
    assert client.get(notice.url).status_code == 200
    restrict_to_party(notice)
    response = client.get(notice.url)
    assert response.status_code == 302 and "/member/login/" in response["Location"]
    client.force_login(member_of(committed_tree.branch1, username="member3"))
    assert client.get(notice.url).status_code == 200
    client.logout()
    PageViewRestriction.objects.filter(page=notice).delete()
    assert client.get(notice.url).status_code == 200


def test_password_restriction_still_shows_the_password_form(client, committed_tree):
    notice = NoticePageFactory(parent=committed_tree.notices, title="凭密码访问的通知", slug="password-notice")
    PageViewRestriction.objects.create(page=notice, password="s3cret-口令",
                                       restriction_type=PageViewRestriction.PASSWORD)
    response = client.get(notice.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html and "凭密码访问的通知" not in html.split("<main")[1]


def test_alias_of_a_restricted_page_is_still_refused(client, committed_tree):
    # An alias obeys its source's restrictions, which its own path cannot tell.
    source = SectionPageFactory(parent=committed_tree.home, title="内部栏目", slug="internal")
    restrict_to_party(source)
    alias = source.create_alias(parent=committed_tree.cases, update_slug="internal-alias")
    response = client.get(alias.url)
    assert response.status_code == 302 and "/member/login/" in response["Location"]


@pytest.mark.requires_plugin("commitments")
def test_plugin_pages_mark_their_navigation_entry(client, committed_tree):
    from django.urls import reverse

    url = reverse("commitments:ledger")
    assert f'href="{url}" aria-current="page"' in nav_of(client.get(url).content.decode())
    assert f'href="{url}" aria-current="page"' not in nav_of(client.get("/").content.decode())


def test_navigation_and_footer_are_read_once_per_generation(client, committed_tree):
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
        assert not shows(client, url)  # fills the fragment caches
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
    # A party member sees it still.
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert shows(client, "/")
    assert shows(client, committed_tree.notices.url)


def test_restricted_section_leaves_the_main_navigation(client, committed_tree):
    assert "通知公告" in client.get("/").content.decode()
    restrict_to_party(committed_tree.notices)
    assert "通知公告" not in nav_of(client.get("/").content.decode())
    client.force_login(member_of(committed_tree.branch1, username="member1"))
    assert "通知公告" in nav_of(client.get("/").content.decode())  # another audience
    client.logout()
    assert "通知公告" not in nav_of(client.get("/").content.decode())
    PageViewRestriction.objects.filter(page=committed_tree.notices).delete()
    assert "通知公告" in nav_of(client.get("/").content.decode())


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


path_steps = st.lists(st.text(alphabet=PATH_ALPHABET, min_size=4, max_size=4),
                      min_size=1, max_size=5).map("".join)


@pytest.mark.django_db(transaction=False)
@given(path_steps, path_steps, st.booleans())
def test_subtree_range_is_exactly_the_subtree(root, tail, descend):
    other = root + tail if descend else tail
    low, high = subtree_range(root)
    assert (low <= other < high) == other.startswith(root)
    assert low <= root < high
