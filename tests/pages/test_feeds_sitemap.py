"""RSS/Atom feeds, sitemap.xml and robots.txt."""

from xml.etree import ElementTree

from django.urls import reverse

from tests.factories import NoticePageFactory


def test_rss_lists_public_notices_newest_first(client, site_tree):
    NoticePageFactory(parent=site_tree.notices, title="最新通知",
                      date=site_tree.public_notice.date.replace(year=2027))
    response = client.get(reverse("pages:feed_rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles[0] == "最新通知"
    assert site_tree.public_notice.title in titles
    assert site_tree.party_notice.title not in titles
    link = next(root.iter("item")).findtext("link")
    assert link.startswith("http://testserver/")


def test_atom_feed_is_valid_xml(client, site_tree):
    response = client.get(reverse("pages:feed_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == [
        site_tree.public_notice.title]


def test_section_feed_covers_one_section(client, site_tree):
    other = NoticePageFactory(parent=site_tree.cases, title="经验栏目里的通知")
    body = client.get(reverse("pages:section_feed_rss", args=(site_tree.notices.pk,))).content.decode()
    assert site_tree.public_notice.title in body
    assert other.title not in body


def test_feed_of_unknown_or_restricted_section_is_404(client, site_tree):
    from tests.factories import SectionPageFactory, restrict_to_party

    assert client.get(reverse("pages:section_feed_rss", args=(999999,))).status_code == 404
    secret = SectionPageFactory(parent=site_tree.home, title="党内栏目")
    restrict_to_party(secret)
    assert client.get(reverse("pages:section_feed_rss", args=(secret.pk,))).status_code == 404


def test_sitemap_lists_public_live_pages(client, site_tree):
    draft = NoticePageFactory(parent=site_tree.notices, title="草稿", live=False, slug="draft")
    body = client.get("/sitemap.xml").content.decode()
    assert "<urlset" in body
    for page in (site_tree.home, site_tree.notices, site_tree.public_notice, site_tree.branch1):
        assert page.url in body or page.full_url in body
    assert "/draft/" not in body and draft.slug not in body


def test_robots_txt_points_to_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_favicon_is_the_emblem(client, site_tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("admin-emblem.svg")
    assert 'rel="icon"' in client.get("/").content.decode()
