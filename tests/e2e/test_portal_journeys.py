"""Browser journeys for the core site: a visitor reading, and the Art. 15 publication procedure."""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from pages.models import NoticePage
from pages.roles import APPROVERS, EDITORS, REVIEWERS
from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


def test_visitor_reads_a_notice_switches_font_size_and_prints(page, phone_page, e2e_site, live_server):
    page.goto(live_server.url + "/")
    expect(page.locator(".brand__site")).to_have_text("党务公开网")
    screenshot(page, "home-desktop")
    page.locator(".mainnav").get_by_role("link", name="通知公告").click()
    expect(page.locator("h1")).to_have_text("通知公告")
    expect(page.locator(".breadcrumbs")).to_contain_text("当前位置")
    # Restricted items are not listed for a visitor.
    expect(page.locator(".article-list")).not_to_contain_text("党内通知")
    screenshot(page, "section-desktop")
    page.get_by_role("link", name="关于试行三会一课观察员制度的通知").click()
    expect(page.locator(".doc-title")).to_have_text("关于试行三会一课观察员制度的通知")
    expect(page.locator(".meta-table")).to_contain_text("索引号")
    expect(page.locator("[data-view-count]")).to_have_text("1")  # the beacon counted this view

    body = page.locator("#doc-body")
    page.get_by_role("button", name="大", exact=True).click()
    expect(body).to_have_class(re.compile("font-large"))
    page.get_by_role("button", name="小", exact=True).click()
    expect(body).to_have_class(re.compile("font-small"))
    page.get_by_role("button", name="中", exact=True).click()
    expect(body).not_to_have_class(re.compile("font-(large|small)"))
    screenshot(page, "notice-desktop")

    page.get_by_role("link", name="打印本页").click()
    expect(page).to_have_url(re.compile(r"/print/$"))
    expect(page.locator(".print-sheet .doc-title")).to_be_visible()
    expect(page.locator(".mainnav")).to_have_count(0)
    screenshot(page, "notice-print")

    # The same notice on a phone, with large text on.
    phone_page.goto(live_server.url + e2e_site.public_notice.url)
    phone_page.get_by_role("button", name="大字模式").click()
    expect(phone_page.locator("html")).to_have_class(re.compile("large-text"))
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page overflows the phone screen ({width}px)"
    screenshot(phone_page, "notice-phone")
    phone_page.goto(live_server.url + "/")
    screenshot(phone_page, "home-phone")


def test_reading_works_without_javascript(browser, e2e_site, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + e2e_site.public_notice.url)
    expect(page.locator(".doc-title")).to_be_visible()
    expect(page.locator("#doc-body")).to_contain_text("各党支部")
    # Controls that need the script stay hidden instead of doing nothing.
    expect(page.locator(".font-size-tools")).to_be_hidden()
    context.close()


def admin_login(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_editor_reviewer_and_approver_publish_a_notice(browser, e2e_site, live_server, settings):
    # Wagtail's autosave would create the new page in the background while this test
    # submits it (a person pauses longer than its 0.5 s interval): off for this journey.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    staff = {
        name: UserFactory(username=name, groups=[Group.objects.get(name=group)])
        for name, group in (("editor", EDITORS), ("reviewer", REVIEWERS), ("approver", APPROVERS))
    }
    assert staff
    title = "关于开展2026年度党员冬训工作的通知"
    base = live_server.url

    # 提出: the editor drafts and submits.
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    admin_login(page, base, "editor")
    page.goto(f"{base}/admin/pages/add/pages/noticepage/{e2e_site.notices.pk}/")
    page.fill("#id_title", title)
    for field, value in (("#id_date", "2026-11-20"), ("#id_written_date", "2026-11-18")):
        page.fill(field, value)
        page.keyboard.press("Escape")  # close the admin's date picker before moving on
        expect(page.locator(field)).to_have_value(value)
    page.fill("#id_document_number", "财机党〔2026〕40号")
    page.locator(".c-sf-add-button").first.click()
    page.get_by_role("option", name="正文段落").click()
    editor = page.locator(".public-DraftEditor-content").first
    expect(editor).to_be_editable()
    editor.click()
    page.keyboard.type("各党支部：请于12月底前完成党员冬训。")
    expect(editor).to_contain_text("请于12月底前完成党员冬训")
    # Draftail copies its content into the form's hidden input on change; wait for it
    # rather than racing it (the cause of '必需字段' refusals).
    page.locator("#id_title").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=hidden]')]"
        ".some(i => i.value.includes('冬训'))")
    # "提交审核" sits in the footer's dropdown; submitting with that button posts
    # exactly what clicking it does, without racing the dropdown's animation.
    with page.expect_navigation():
        page.locator("button[name=action-submit]").evaluate("b => b.form.requestSubmit(b)")
    errors = page.locator(".w-field--error .error-message").all_inner_texts()
    assert not any(e.strip() for e in errors), f"admin refused the notice: {errors}"
    expect(page.locator(".messages")).to_contain_text("提交")
    notice = NoticePage.objects.get(title=title)
    assert not notice.live
    screenshot(page, "admin-editor-submitted-1366")
    context.close()
    # A short address: the title's pinyin, not the percent-encoded title.
    assert notice.slug.isascii() and len(notice.slug) <= 50 and notice.slug.startswith("guanyu")

    # The page editor in Chinese, and its short address in the 推广 tab, at both widths.
    for viewport, width in ((DESKTOP, 1366), (PHONE, 390)):
        context = _admin_context(browser, viewport)
        page = context.new_page()
        admin_login(page, base, "editor")
        page.goto(f"{base}/admin/pages/{notice.pk}/edit/")
        _fits(page, viewport, "page editor")
        screenshot(page, f"admin-page-editor-{width}")
        panel = page.eval_on_selector("#id_slug", "el => el.closest('[role=tabpanel]').id")
        page.locator(f"a[role=tab][href='#{panel}']").click()
        expect(page.locator("#id_slug")).to_have_value(notice.slug)
        screenshot(page, f"admin-page-short-address-{width}")
        context.close()

    # 审核 at 1366 px, then 审批 on a phone: each finds the page in the dashboard's 待办
    # panel, approves it from the page editor and is told 已批准.
    for username, viewport, width in (("reviewer", DESKTOP, 1366), ("approver", PHONE, 390)):
        context = _admin_context(browser, viewport)
        page = context.new_page()
        admin_login(page, base, username)
        todo = page.locator("[data-portal-todo]")
        expect(todo.locator("[data-todo-item]").first).to_be_visible()
        _fits(page, viewport, "dashboard")
        screenshot(page, f"admin-todo-{username}-{width}")
        page.goto(f"{base}/admin/pages/{notice.pk}/edit/")
        approve = page.locator("button[data-workflow-action-name=approve]").first
        expect(approve).to_be_attached()
        # The button sits in the footer's dropdown; a click from script runs Wagtail's own
        # handler (it adds the workflow fields and submits the form) without waiting on
        # the dropdown's animation.
        with page.expect_navigation():
            approve.evaluate("b => b.click()")
        expect(page.locator(".messages")).to_contain_text("已批准")
        expect(page.locator(".messages")).not_to_contain_text("已被更新")
        screenshot(page, f"admin-{username}-approved-{width}")
        context.close()

    notice.refresh_from_db()
    assert notice.live

    # 实施: a visitor finds it on the home page and reads it at its short address.
    for viewport, width in ((DESKTOP, 1366), (PHONE, 390)):
        context = _admin_context(browser, viewport)
        page = context.new_page()
        page.goto(base + "/")
        link = page.get_by_role("link", name=title).first
        expect(link).to_be_attached()
        page.goto(base + notice.url)
        assert page.url.endswith(f"/{notice.slug}/") and "%" not in page.url
        _fits(page, viewport, "notice")
        screenshot(page, f"notice-short-address-{width}")
        context.close()


def _admin_context(browser, viewport):
    mobile = viewport is PHONE
    return browser.new_context(viewport=viewport, locale="zh-CN", is_mobile=mobile,
                               has_touch=mobile)


def _fits(page, viewport, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{what} is wider than the screen: {width}px"
