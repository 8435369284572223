"""Browser test of 阅知 end to end: an editor marks a notice 需阅知 for 第一党支部 in the admin;
the member is told (header count), finds it in the 党员中心, reads it and confirms 已阅; a
member of another branch never sees it; the secretary sees who has and has not read it and
downloads the XLSX."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

PASSWORD = "correct-horse-battery"


@pytest.fixture
def people(e2e_site):
    from django.contrib.auth.models import Group, Permission

    from pages.models import BranchCommitteeMember
    from pages.roles import EDITORS
    from tests.factories import UserFactory, member_of

    editor = UserFactory(username="editor", groups=[Group.objects.get(name=EDITORS)])
    editor.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="acknowledgements"))
    reader = member_of(e2e_site.branch1, username="member1", first_name="钱晓峰")
    slow = member_of(e2e_site.branch1, username="member3", first_name="孙丽")
    other = member_of(e2e_site.branch2, username="member2", first_name="李明")
    secretary = member_of(e2e_site.branch1, username="secretary1", first_name="赵志刚")
    BranchCommitteeMember.objects.create(branch=e2e_site.branch1, name="赵志刚",
                                         role="secretary", user=secretary)
    return editor, reader, slow, other, secretary


def login(page, base, username):
    page.goto(f"{base}/member/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/member/**")


def logout(page):
    page.click(".topbar form.inline-form button")
    page.wait_for_load_state()


def test_read_request_flow(browser, page, live_server, e2e_site, people):
    base = live_server.url
    notice = e2e_site.branch1_notice  # 本组织公开: 第一党支部

    # 1. the editor marks the notice 需阅知 for 第一党支部 (the page chooser's field is set
    #    directly: the chooser itself is Wagtail's, tested there)
    admin = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    editor_page = admin.new_page()
    editor_page.goto(base + "/admin/login/")
    editor_page.fill("#id_username", "editor")
    editor_page.fill("#id_password", PASSWORD)
    editor_page.locator("button[type=submit]").click()
    expect(editor_page).to_have_url(re.compile(r"/admin/$"))
    editor_page.goto(f"{base}/admin/read_requests/new/")
    editor_page.locator("input[name=page]").evaluate("(el, v) => el.value = v", str(notice.pk))
    editor_page.check("input[name=audience][value=organisations]")
    editor_page.locator("input[name=organisations]").first.wait_for(state="attached")
    editor_page.check(f"input[name=organisations][value='{e2e_site.branch1.pk}']")
    editor_page.fill("input[name=note]", "请全体支部党员认真阅读")
    editor_page.locator("form[action*='read_requests'] button[type=submit]").first.click()
    expect(editor_page).to_have_url(re.compile(r"/admin/read_requests/$"))
    expect(editor_page.locator("body")).to_contain_text(notice.title)
    admin.close()

    # 2. the member is told, finds it in the 党员中心 and confirms 已阅
    login(page, base, "member1")
    expect(page.locator(".topbar__inbox")).to_have_attribute("data-unread", "1")
    page.goto(f"{base}/member/")
    panel = page.locator("#read-requests-heading").locator("..")
    expect(panel).to_contain_text(notice.title)
    screenshot(page, "acknowledgements-member-centre")
    panel.get_by_role("link", name=notice.title).click()
    page.click("[data-read-notice]")
    expect(page.locator("body")).to_contain_text(notice.title)
    page.go_back()
    page.click("[data-confirm-read]")
    expect(page.locator("[data-confirmed]")).to_be_visible()
    expect(page.locator(".topbar__inbox")).to_have_attribute("data-unread", "0")
    logout(page)

    # 3. a member of another branch never sees it
    login(page, base, "member2")
    expect(page.locator(".topbar__inbox")).to_have_attribute("data-unread", "0")
    page.goto(f"{base}/member/")
    assert notice.title not in page.content()
    page.goto(f"{base}/member/read/")
    assert notice.title not in page.content()
    logout(page)

    # 4. the secretary sees who has and has not read it, and exports the list
    login(page, base, "secretary1")
    page.goto(f"{base}/member/read/")
    page.get_by_role("link", name=notice.title).last.click()
    page.wait_for_url(re.compile(r"/member/read/\d+/status/$"))
    expect(page.locator("tr[data-username=member1]")).to_have_attribute("data-state", "已阅")
    expect(page.locator("tr[data-username=member3]")).to_have_attribute("data-state", "未阅")
    assert page.locator("tr[data-username=member2]").count() == 0
    screenshot(page, "acknowledgements-status")
    with page.expect_download() as info:
        page.click("a[data-export]")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    states = {row[1]: row[3] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert states == {"member1": "已阅", "member3": "未阅", "secretary1": "未阅"}
