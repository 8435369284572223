"""Short addresses: a new page's slug is its title's pinyin, unique among its siblings; a
published page keeps its address when its title changes; moved or renamed pages redirect."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.models import BranchPage
from pages.slugs import MAX_LENGTH, pinyin_slug
from tests.factories import NoticePageFactory, SectionPageFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_TITLE = "中共示范市财政局机关委员会关于2026年上半年党员公开承诺践诺工作的实施方案（试行）"


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def test_pinyin_slug_is_short_ascii_and_cut_between_words():
    assert pinyin_slug("关于开展主题党日活动的通知") == "guanyu-kaizhan-zhuti-dangri-huodong-de-tongzhi"
    slug = pinyin_slug(LONG_TITLE)
    assert slug.isascii() and len(slug) <= MAX_LENGTH and not slug.endswith("-")
    assert slug.startswith("zhonggong-shifan")
    assert pinyin_slug("ABC 党建") == "abc-dangjian"
    assert pinyin_slug("〔〕") == ""


def test_a_new_page_with_a_chinese_slug_gets_its_pinyin(site_tree):
    # What Wagtail's admin sends for a Chinese title: the title itself as the slug.
    notice = NoticePageFactory(parent=site_tree.notices, title="关于开展主题党日活动的通知",
                               slug="关于开展主题党日活动的通知")
    assert notice.slug == "guanyu-kaizhan-zhuti-dangri-huodong-de-tongzhi"
    twin = NoticePageFactory(parent=site_tree.notices, title="关于开展主题党日活动的通知", slug="")
    assert twin.slug == "guanyu-kaizhan-zhuti-dangri-huodong-de-tongzhi-2"
    # Unique per parent: the same title elsewhere takes the plain slug.
    other = SectionPageFactory(parent=site_tree.home, title="其他栏目", slug="other")
    elsewhere = NoticePageFactory(parent=other, title="关于开展主题党日活动的通知", slug="关于")
    assert elsewhere.slug == "guanyu-kaizhan-zhuti-dangri-huodong-de-tongzhi"
    assert elsewhere.url.endswith("/other/guanyu-kaizhan-zhuti-dangri-huodong-de-tongzhi/")


def test_an_ascii_slug_typed_by_the_editor_is_kept(site_tree):
    assert NoticePageFactory(parent=site_tree.notices, slug="my-notice").slug == "my-notice"


def test_the_admin_creates_a_page_at_a_short_address(site_tree, admin_client):
    url = reverse("wagtailadmin_pages:add", args=("pages", "branchpage", site_tree.committee.pk))
    data = nested_form_data({
        "title": "机关第三党支部", "slug": "机关第三党支部", "org_type": "branch", "member_count": "12",
        "term_start": "2025-01-01", "founded_date": "2010-01-01", "intro": "",
        "body": streamfield([]), "committee": inline_formset([])})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:500]
    page = BranchPage.objects.get(title="机关第三党支部")
    assert page.slug == "jiguan-disan-dangzhibu"
    assert page.get_latest_revision().content["slug"] == page.slug


def test_a_published_pages_title_change_keeps_its_address(site_tree, admin_client):
    notice = site_tree.public_notice
    notice.title, notice.slug = "新的标题", "新的标题"  # even a non-ASCII slug sent along
    notice.save()
    notice.refresh_from_db()
    assert notice.slug == "新的标题"  # published: never rewritten behind the editor's back
    site_tree.branch1.title = "机关第一党支部"
    site_tree.branch1.save_revision().publish()
    site_tree.branch1.refresh_from_db()
    assert site_tree.branch1.slug == "branch-1"


def test_renaming_a_published_pages_slug_leaves_a_redirect(client, site_tree,
                                                           django_capture_on_commit_callbacks):
    notice = site_tree.public_notice
    old_url = notice.url
    notice.slug = "observer-rules"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail sends it on commit
        notice.save_revision().publish()
    assert Redirect.objects.filter(old_path=old_url.rstrip("/")).exists()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/notices/observer-rules/")


def test_moving_a_published_page_leaves_a_redirect(client, site_tree):
    notice = site_tree.public_notice
    old_url = notice.url
    notice.move(site_tree.cases, pos="last-child")
    notice.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(f"/cases/{notice.slug}/")
