"""NoticePage: 索引号, validation messages, every field on the page, print view, 浏览量."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document

from pages.models import NoticeAttachment, NoticePage, PageViewCount
from tests.factories import NoticePageFactory, UserFactory
from tests.pages.test_page_rules import notice_form_data


@pytest.fixture
def admin_client(client, db):
    admin = UserFactory(username="site-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def add_notice_url(section):
    return reverse("wagtailadmin_pages:add", args=("pages", "noticepage", section.pk))


def test_index_numbers_are_generated_per_year_and_unique(site_tree):
    first = NoticePageFactory(parent=site_tree.notices, date=datetime.date(2025, 3, 1))
    second = NoticePageFactory(parent=site_tree.notices, date=datetime.date(2025, 4, 1))
    assert first.index_number == "DW/2025-00001"
    assert second.index_number == "DW/2025-00002"
    # site_tree made three 2026 notices already
    assert NoticePageFactory(parent=site_tree.notices).index_number.startswith("DW/2026-0000")


def test_copying_a_notice_gives_it_a_new_index_number(site_tree):
    original = site_tree.public_notice
    copy = original.copy(update_attrs={"slug": "copied", "title": "副本"})
    assert copy.index_number and copy.index_number != original.index_number


@pytest.mark.parametrize("overrides, field, message", [
    ({"written_date": "2026-05-11", "date": "2026-05-10"}, "written_date", "成文日期不能晚于发布日期"),
    ({"document_number": "第三十号文"}, "document_number", "发文字号格式应为"),
    ({"index_number": "DW/2026-00001"}, "index_number", "该索引号已被其他通知使用"),
    ({"date": "2026-02-30"}, "date", "有效的日期"),
])
def test_admin_rejects_bad_notice_input_with_chinese_messages(
        site_tree, admin_client, overrides, field, message):
    before = NoticePage.objects.count()
    response = admin_client.post(add_notice_url(site_tree.notices), notice_form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert NoticePage.objects.count() == before


def test_attachment_type_and_size_limits(admin_client, settings):
    url = reverse("wagtaildocs:add")
    response = admin_client.post(url, {
        "title": "恶意脚本", "file": SimpleUploadedFile("evil.exe", b"MZ..."), "collection": 1})
    assert response.status_code == 200
    assert not Document.objects.filter(title="恶意脚本").exists()
    assert "exe" in str(response.context["form"].errors["file"]) or response.context["form"].errors

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = admin_client.post(url, {
        "title": "超大附件", "file": SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 4096),
        "collection": 1})
    assert response.status_code == 200
    assert not Document.objects.filter(title="超大附件").exists()


def test_notice_page_shows_every_field(client, site_tree):
    notice = site_tree.public_notice
    notice.keywords = "三会一课 观察员"
    notice.source = "机关党委办公室"
    notice.validity = "repealed"
    notice.save_revision().publish()
    doc = Document.objects.create(title="观察评价表", file=SimpleUploadedFile("form.pdf", b"%PDF-1.4"))
    NoticeAttachment.objects.create(page=notice, document=doc, title="附件1：观察评价表")
    PageViewCount.objects.create(page=notice, count=41)

    body = client.get(notice.url).content.decode()
    for expected in [notice.index_number, "组织建设", notice.issuing_authority,
                     notice.document_number, "各党支部", "机关党委办公室", "三会一课 观察员",
                     "已废止", "附件1：观察评价表", "浏览量：<span data-view-count>41</span>",
                     "向社会公开", "当前位置", "打印本页", "分享链接",
                     f"{notice.written_date:%Y年%m月%d日}", "中共示范市财政局机关委员会"]:
        assert expected in body, expected


def test_print_view_is_a_clean_document(client, site_tree):
    response = client.get(site_tree.public_notice.url + "print/")
    body = response.content.decode()
    assert response.status_code == 200
    assert site_tree.public_notice.title in body
    assert "mainnav" not in body and 'name="robots" content="noindex"' in body


def test_previous_and_next_skip_what_the_reader_cannot_see(client, site_tree, member1):
    from tests.factories import SectionPageFactory, restrict_to_party

    section = SectionPageFactory(parent=site_tree.home)
    day = datetime.date(2026, 6, 1)
    first = NoticePageFactory(parent=section, title="第一篇公开通知", date=day)
    hidden = NoticePageFactory(parent=section, title="第二篇党内通知",
                               date=day + datetime.timedelta(days=1))
    restrict_to_party(hidden)
    third = NoticePageFactory(parent=section, title="第三篇公开通知",
                              date=day + datetime.timedelta(days=2))

    response = client.get(first.url)
    assert response.context["next_notice"].pk == third.pk
    assert "第二篇党内通知" not in response.content.decode()
    assert client.get(third.url).context["previous_notice"].pk == first.pk

    client.force_login(member1)  # in 全体党员: sees the 党内 notice in between
    assert client.get(first.url).context["next_notice"].pk == hidden.pk


def test_view_counter_beacon_counts_visible_pages_only(client, site_tree):
    url = reverse("pages:count_view", args=(site_tree.public_notice.pk,))
    assert client.post(url).json() == {"count": 1}
    assert client.post(url).json() == {"count": 2}
    assert client.get(url).status_code == 405
    hidden = reverse("pages:count_view", args=(site_tree.party_notice.pk,))
    assert client.post(hidden).status_code == 404
    assert not PageViewCount.objects.filter(page_id=site_tree.party_notice.pk).exists()
    assert client.post(reverse("pages:count_view", args=(999999,))).status_code == 404
