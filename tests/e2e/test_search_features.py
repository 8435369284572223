"""Browser: 高级检索 (a shareable URL that reopens the panel with its values) and pinyin
suggestions in the search box (dwgk → 党务公开)."""

import datetime

from tests.e2e.conftest import screenshot
from tests.factories import NoticePageFactory


def _notices(site):
    old = NoticePageFactory(parent=site.notices, title="关于年度考核的通知", validity="repealed",
                            written_date=datetime.date(2024, 3, 1))
    new = NoticePageFactory(parent=site.notices, title="关于年度评优的通知", validity="valid",
                            written_date=datetime.date(2025, 6, 1))
    dwgk = NoticePageFactory(parent=site.notices, title="深化党务公开工作的意见")
    return old, new, dwgk


def test_advanced_search_filters_and_its_url_can_be_shared(page, e2e_site, live_server):
    old, new, _dwgk = _notices(e2e_site)
    page.goto(f"{live_server.url}/search/?q=年度")
    assert page.locator(".search-hits a, .hit a, li a").filter(has_text="年度").count() >= 2
    page.click("summary:has-text('高级检索')")
    page.select_option("select[name=validity]", "valid")
    page.fill("input[name=written_from]", "2025-01-01")
    page.click("[data-advanced-submit]")
    page.wait_for_url("**validity=valid**")
    assert "written_from=2025-01-01" in page.url
    body = page.inner_text("main")
    assert "关于年度评优的通知" in body and "关于年度考核的通知" not in body
    shared = page.url
    screenshot(page, "search-advanced")

    page.goto(shared)  # a fresh visit to the shared address shows the same search
    assert page.locator("details[data-search-advanced]").get_attribute("open") is not None
    assert page.input_value("input[name=written_from]") == "2025-01-01"
    assert page.input_value("select[name=validity]") == "valid"
    assert "关于年度考核的通知" not in page.inner_text("main")

    page.goto(f"{live_server.url}/search/?q=年度&written_from=2025-13-01")
    assert "成文日期（起）格式不正确" in page.inner_text("main")


def test_pinyin_initials_suggest_a_title(page, e2e_site, live_server):
    _old, _new, dwgk = _notices(e2e_site)
    page.goto(f"{live_server.url}/search/")
    page.fill("#q", "dwgk")  # the search page's own box (the header has one too)
    option = page.locator("#search-suggestions [role=option]").filter(has_text="深化党务公开工作的意见")
    option.wait_for()
    screenshot(page, "search-pinyin-suggestions")
    option.dispatch_event("mousedown")
    page.wait_for_url(f"**{dwgk.url}")
