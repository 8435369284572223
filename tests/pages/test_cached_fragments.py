"""A 栏目's listing and a notice's text and neighbours come from `{% cache %}` keyed per
audience (what the requester may see): one audience's copy is never shown to another,
and a publication shows at once."""

import datetime

from tests.factories import NoticePageFactory, member_of

PARTY = "关于党员组织关系排查的党内通知"
BRANCH1 = "第一党支部支委会会议纪要"


def _listing(client, site_tree):
    return client.get(site_tree.notices.url).content.decode()


def test_section_listing_is_kept_per_audience(client, site_tree, member1, member2):
    outsider_view = _listing(client, site_tree)
    assert PARTY not in outsider_view and BRANCH1 not in outsider_view

    client.force_login(member1)  # 全体党员 and 第一党支部
    for _ in range(2):  # rendered, then from the cache
        page = _listing(client, site_tree)
        assert PARTY in page and BRANCH1 in page

    client.force_login(member2)  # 全体党员, another branch
    for _ in range(2):
        page = _listing(client, site_tree)
        assert PARTY in page and BRANCH1 not in page

    client.logout()
    page = _listing(client, site_tree)
    assert PARTY not in page and BRANCH1 not in page


def test_notice_neighbours_are_kept_per_audience(client, site_tree):
    from tests.factories import SectionPageFactory, restrict_to_groups

    section = SectionPageFactory(parent=site_tree.home)
    day = datetime.date(2026, 6, 1)
    first = NoticePageFactory(parent=section, title="第一篇公开通知", date=day)
    hidden = NoticePageFactory(parent=section, title="第二篇支部通知",
                               date=day + datetime.timedelta(days=1))
    site_tree.branch1.refresh_from_db()
    restrict_to_groups(hidden, site_tree.branch1.members_group)
    NoticePageFactory(parent=section, title="第三篇公开通知", date=day + datetime.timedelta(days=2))

    client.force_login(member_of(site_tree.branch1, username="insider"))
    for _ in range(2):
        assert "第二篇支部通知" in client.get(first.url).content.decode()
    client.force_login(member_of(site_tree.branch2, username="outsider"))
    for _ in range(2):
        page = client.get(first.url).content.decode()
        assert "第二篇支部通知" not in page and "第三篇公开通知" in page


def test_a_published_notice_shows_in_the_kept_listing_at_once(client, site_tree, member1):
    client.force_login(member1)
    _listing(client, site_tree)  # fills the cache
    NoticePageFactory(parent=site_tree.notices, title="刚刚发布的通知",
                      date=datetime.date.today() + datetime.timedelta(days=1))
    assert "刚刚发布的通知" in _listing(client, site_tree)


def test_home_listings_are_kept_per_audience(client, site_tree, member1, member2):
    client.force_login(member1)
    for _ in range(2):
        page = client.get("/").content.decode()
        assert PARTY in page and BRANCH1 in page
    client.force_login(member2)
    for _ in range(2):
        page = client.get("/").content.decode()
        assert PARTY in page and BRANCH1 not in page
    client.logout()
    page = client.get("/").content.decode()
    assert PARTY not in page and BRANCH1 not in page


def test_a_bad_or_past_the_end_page_number_shows_a_valid_page(client, site_tree):
    for number in ("abc", "999", "0"):
        response = client.get(site_tree.notices.url, {"page": number})
        assert response.status_code == 200
        assert "关于试行三会一课观察员制度的通知" in response.content.decode()
