"""创新案例库 in a browser: browsing by facet on desktop and phone, a case with 相关案例,
the empty state for an unknown facet value, and no CSP violations."""

import re

import pytest

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.requires_plugin("cases")


def _library(site):
    from plugins.cases.demo import add_case, ensure_library
    from plugins.cases.demo_data import CASES

    library = ensure_library(site.home)
    for data in CASES:
        add_case(library, data)
    return library


def _watch_csp(page):
    refused = []
    page.on("console", lambda msg: refused.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text else None)
    return refused


def _count(page):
    return int(page.locator("[data-case-count]").inner_text())


def test_browse_by_facet_on_desktop_and_phone(e2e_site, live_server, page, phone_page):
    """One test for both screens: the live-server site is built once (serialized rollback)."""
    library = _library(e2e_site)
    _desktop(library, live_server, page)
    _phone(library, live_server, phone_page)


def _desktop(library, live_server, page):
    refused = _watch_csp(page)
    page.goto(f"{live_server.url}{library.url}")
    assert page.locator("h1").inner_text() == "创新案例库"
    total = _count(page)
    assert total == 13  # the 党内公开 demo case is not counted for a visitor
    screenshot(page, "cases-library-desktop")

    field = page.locator("[data-facet=field] a", has_text="社区")
    expected = int(field.locator(".case-facet__n").inner_text())
    field.click()
    page.wait_for_url(re.compile(r"field=community"))
    assert _count(page) == expected == 2
    titles = page.locator(".case-list .article-list__title").all_inner_texts()
    assert "“云上党课”让流动党员不掉队" in titles
    assert page.locator(".case-facet__link.is-active").count() == 1

    page.locator("[data-facet=type] a", has_text="机制创新").click()
    page.wait_for_url(re.compile(r"type=mechanism"))
    assert _count(page) == 1
    assert page.locator(".case-list .article-list__title").inner_text() == "“党员联户”融入网格化治理"
    screenshot(page, "cases-library-filtered-desktop")

    page.locator(".case-active__item", has_text="社区").click()  # drop one condition
    page.wait_for_url(re.compile(r"^(?!.*field=).*type=mechanism"))
    assert _count(page) == 4

    page.fill("#case-q", "三会一课")
    page.locator(".case-search button").click()
    page.wait_for_url(re.compile(r"q="))
    assert _count(page) >= 1

    page.locator(".case-list .article-list__title").first.click()
    assert page.locator(".case-related .article-list__title").count() >= 1
    assert page.locator(".case-section").first.inner_text() == "背景"
    screenshot(page, "cases-case-desktop")

    page.goto(f"{live_server.url}{library.url}?field=xyz&page=abc")
    assert _count(page) > 0  # an unknown facet value is ignored, not an empty library
    assert "部分筛选条件无效，已忽略。" in page.locator("main").inner_text()
    assert refused == []


def _phone(library, live_server, page):
    refused = _watch_csp(page)
    page.goto(f"{live_server.url}{library.url}")
    assert page.locator(".case-facets").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "cases-library-phone")
    page.locator("[data-facet=field] a", has_text="学校").click()
    page.wait_for_url(re.compile(r"field=school"))
    assert _count(page) == 2
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator(".case-list .article-list__title").first.click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "cases-case-phone")
    assert refused == []
