"""Pages render in a fixed number of queries however much content there is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from pages.models import NoticeAttachment
from tests.factories import NoticePageFactory


def query_count(client, url, user=None):
    if user is not None:
        client.force_login(user)
    client.get(url)  # warm per-process caches (site root, settings)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_notices(section, n):
    for i in range(n):
        NoticePageFactory(parent=section, title=f"批量通知{i}")


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_home_and_section_queries_do_not_grow_with_notices(client, site_tree, member1, who):
    user = member1 if who == "member" else None
    add_notices(site_tree.notices, 1)
    home_small = query_count(client, "/", user)
    section_small = query_count(client, site_tree.notices.url, user)
    add_notices(site_tree.notices, 49)
    # "<=": with more notices a 本组织 item may drop out of the latest few,
    # sparing the one query that names organisations in scope labels.
    assert query_count(client, "/", user) <= home_small
    assert query_count(client, site_tree.notices.url, user) <= section_small


def test_notice_queries_do_not_grow_with_attachments(client, site_tree):
    notice = site_tree.public_notice

    def attach(n):
        for i in range(n):
            doc = Document.objects.create(title=f"附件{i}",
                                          file=SimpleUploadedFile(f"f{i}.pdf", b"%PDF-1.4"))
            NoticeAttachment.objects.create(page=notice, document=doc)

    attach(1)
    small = query_count(client, notice.url)
    attach(49)
    add_notices(site_tree.notices, 20)
    assert query_count(client, notice.url) == small


def test_organisation_tree_queries_do_not_grow_with_branches(client, site_tree):
    from tests.factories import BranchPageFactory

    small = query_count(client, site_tree.branch_index.url)
    for i in range(30):
        BranchPageFactory(parent=site_tree.committee, title=f"新增支部{i}")
    assert query_count(client, site_tree.branch_index.url) == small


def test_other_channels_do_not_grow_with_notices(client, site_tree):
    """Tag page, 党务公开目录, feeds, sitemap, search page and API, print view, a case."""
    from django.urls import reverse

    from tests.factories import ExperienceCasePageFactory

    case = ExperienceCasePageFactory(parent=site_tree.cases, title="支部规范化建设经验")
    added = []

    def add_tagged(n):
        for _ in range(n):
            i = len(added)
            notice = NoticePageFactory(parent=site_tree.notices, title=f"批量党建通知{i}")
            notice.tags.add("党建")
            notice.save()
            added.append(notice)

    urls = [
        reverse("pages:tag", args=("党建",)),
        "/catalogue/",
        reverse("pages:feed_rss"),
        reverse("pages:feed_atom"),
        reverse("pages:section_feed_rss", args=(site_tree.notices.pk,)),
        "/sitemap.xml",
        site_tree.public_notice.url + "print/",
        case.url,
        site_tree.committee.url,
    ]
    # Search pages show 10 results a page and may spend a query or two per result shown,
    # so they are compared once their first page is full.
    search_urls = ["/search/?q=通知", "/api/search/?q=通知"]
    add_tagged(1)
    small = {url: query_count(client, url) for url in urls}
    add_tagged(19)
    small.update({url: query_count(client, url) for url in search_urls})
    add_tagged(30)
    big = {url: query_count(client, url) for url in urls + search_urls}
    assert big == small


# A logged-in member's pages: no shared cache may serve them, so each query counts.
# Of these, Wagtail and Django spend: site and root page (2), the page's route (one per
# level below home, and its specific row), Wagtail's own privacy check (2), session and
# user (2); the admin user bar's two permission reads are skipped for a session whose
# login found no admin access (members/receivers.py). The scope resolver reads the view
# restrictions, their groups, aliases and the member's groups (4). Navigation and footer, the home
# page's listings, a 栏目's listing and a notice's text, view count, attachments, tags and
# neighbours come from `{% cache %}` (keyed per audience) after the first request, and so do the
# bundled plugins' home panels (keyed on the requester's audience and the date or minute).
# The header's unread-message count is one more (notifications).
MEMBER_PAGE_QUERIES = {"home": 11, "section": 13, "notice": 15}


@pytest.mark.parametrize("which", sorted(MEMBER_PAGE_QUERIES))
def test_member_page_query_counts(client, site_tree, member1, django_assert_num_queries, which):
    from portal.plugins import registry

    if which == "home" and len(list(registry.enabled())) != 4:
        pytest.skip("the home page's count is for the four bundled plugins")
    url = {"home": "/", "section": site_tree.notices.url,
           "notice": site_tree.public_notice.url}[which]
    client.force_login(member1)
    client.get(url)  # fills the navigation and footer fragments
    with django_assert_num_queries(MEMBER_PAGE_QUERIES[which]):
        assert client.get(url).status_code == 200
