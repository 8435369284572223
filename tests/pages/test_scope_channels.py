"""A restricted item never reaches anyone outside its scope, in any channel.

Three readers: an anonymous visitor, a member of another branch (member2, in
全体党员 but not in 第一党支部) and a member of the same branch (member1).
The site has a public notice, a 党内公开 notice and a 第一党支部 notice.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document

from pages.models import NoticeAttachment

PUBLIC = "关于试行三会一课观察员制度的通知"
PARTY = "关于党员组织关系排查的党内通知"
BRANCH1 = "第一党支部支委会会议纪要"


@pytest.fixture(params=["anonymous", "other_branch", "same_branch"])
def reader(request, client, site_tree, member1, member2):
    if request.param == "other_branch":
        client.force_login(member2)
    elif request.param == "same_branch":
        client.force_login(member1)
    # What each reader may see: public always; 党内 for members; branch-1 for member1.
    visible = {PUBLIC}
    if request.param != "anonymous":
        visible.add(PARTY)
    if request.param == "same_branch":
        visible.add(BRANCH1)
    return request.param, client, visible


def assert_titles(body, visible):
    for title in (PUBLIC, PARTY, BRANCH1):
        assert (title in body) == (title in visible), (title, visible)


def test_page_serve(reader, site_tree):
    kind, client, visible = reader
    for notice in (site_tree.public_notice, site_tree.party_notice, site_tree.branch1_notice):
        response = client.get(notice.url)
        if notice.title in visible:
            assert response.status_code == 200
        elif kind == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/member/login/")
        else:
            assert response.status_code == 403
            assert "不在公开范围内" in response.content.decode()


def test_print_view_follows_the_page(reader, site_tree):
    kind, client, visible = reader
    response = client.get(site_tree.branch1_notice.url + "print/")
    assert (response.status_code == 200) == (BRANCH1 in visible)
    if response.status_code == 200:
        assert BRANCH1 in response.content.decode()


def test_home_page(reader, site_tree):
    _, client, visible = reader
    assert_titles(client.get("/").content.decode(), visible)


def test_section_listing_and_count(reader, site_tree):
    _, client, visible = reader
    response = client.get(site_tree.notices.url)
    assert_titles(response.content.decode(), visible)
    assert response.context["page_obj"].paginator.count == len(visible)


def test_catalogue_counts(reader, site_tree):
    _, client, visible = reader
    response = client.get("/catalogue/")
    rows = {section.slug: count for section, _scope, count in response.context["rows"]}
    assert rows["notices"] == len(visible)


def test_tag_page(reader, site_tree):
    _, client, visible = reader
    for notice in (site_tree.public_notice, site_tree.party_notice, site_tree.branch1_notice):
        notice.tags.add("观察员")
        notice.save_revision().publish()
    response = client.get(reverse("pages:tag", args=("观察员",)))
    assert response.status_code == 200
    assert_titles(response.content.decode(), visible)


def test_feeds_are_public_only_even_for_members(reader, site_tree):
    _, client, _visible = reader
    for name in ("pages:feed_rss", "pages:feed_atom"):
        assert_titles(client.get(reverse(name)).content.decode(), {PUBLIC})
    section_feed = reverse("pages:section_feed_rss", args=(site_tree.notices.pk,))
    assert_titles(client.get(section_feed).content.decode(), {PUBLIC})


def test_sitemap_is_public_only(reader, site_tree):
    _, client, _visible = reader
    body = client.get("/sitemap.xml").content.decode()
    assert site_tree.public_notice.url in body
    assert site_tree.party_notice.url not in body
    assert site_tree.branch1_notice.url not in body


def test_search_api_and_page(reader, site_tree, search_backend):
    _, client, visible = reader
    data = client.get("/api/search/", {"q": "通知"}).json()
    titles = {r["title"] for r in data["results"]}
    assert PARTY in visible or PARTY not in titles
    assert (PARTY in titles) == (PARTY in visible)
    data = client.get("/api/search/", {"q": "纪要"}).json()
    assert (data["count"] > 0) == (BRANCH1 in visible)
    page_body = client.get("/search/", {"q": "纪要"}).content.decode()
    assert (BRANCH1 in page_body) == (BRANCH1 in visible)


def test_attachments_follow_their_notice(reader, site_tree):
    kind, client, visible = reader
    doc = Document.objects.create(title="支委会记录扫描件",
                                  file=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes"))
    NoticeAttachment.objects.create(page=site_tree.branch1_notice, document=doc)
    response = client.get(doc.url)
    if BRANCH1 in visible:
        assert response.status_code == 200
    elif kind == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


def test_previews_need_the_admin(reader, site_tree):
    kind, client, _visible = reader
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(site_tree.branch1_notice.pk,))
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert BRANCH1 not in response.content.decode()


def test_navigation_hides_restricted_sections(reader, site_tree):
    from tests.factories import SectionPageFactory, restrict_to_party

    secret = SectionPageFactory(parent=site_tree.home, title="党内学习园地", show_in_menus=True)
    restrict_to_party(secret)
    kind, client, _visible = reader
    body = client.get("/").content.decode()
    assert ("党内学习园地" in body) == (kind != "anonymous")


def test_scope_label_on_listings(client, site_tree, member1):
    client.force_login(member1)
    body = client.get(site_tree.notices.url).content.decode()
    assert "党内公开" in body
    assert "本组织公开" in body and "第一党支部" in body


def test_public_attachment_is_served_to_everyone(client, site_tree):
    doc = Document.objects.create(title="公开附件", file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
    NoticeAttachment.objects.create(page=site_tree.public_notice, document=doc)
    assert client.get(doc.url).status_code == 200


def test_attachment_of_an_unpublished_notice_is_not_served(client, site_tree):
    doc = Document.objects.create(title="草稿附件", file=SimpleUploadedFile("d.pdf", b"%PDF-1.4"))
    NoticeAttachment.objects.create(page=site_tree.public_notice, document=doc)
    site_tree.public_notice.unpublish()
    assert client.get(doc.url).status_code == 302


def test_alias_of_a_restricted_page_follows_its_source(reader, site_tree):
    """An alias placed in a public 栏目 shows its source's content: it obeys its scope."""
    from tests.factories import ExperienceCasePageFactory, SectionPageFactory, restrict_to_party

    kind, client, visible = reader
    internal = SectionPageFactory(parent=site_tree.home, title="内部交流", slug="internal")
    restrict_to_party(internal)
    source = ExperienceCasePageFactory(parent=internal, title="内部经验材料", slug="internal-case")
    alias = source.create_alias(parent=site_tree.cases, update_slug="internal-case-alias")
    may_see = kind != "anonymous"
    for url in ("/", site_tree.cases.url):
        assert ("内部经验材料" in client.get(url).content.decode()) == may_see, url
    response = client.get(alias.url)
    assert response.status_code == (200 if may_see else 302)
