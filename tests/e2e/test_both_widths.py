"""Issue 23's visitor-facing items at 1366 px and at 390 px, each kept as a screenshot
(tests/artifacts/screenshots/<item>-<width>.png): search excerpts, an unknown facet on the
case library, /favicon.ico and the 群众评议 thank-you page reloaded. Nothing may be wider
than the screen. (The menu: test_navigation.py; the admin, its 待办 panel, workflow
messages and a new page's short address: test_portal_journeys.py; the 党员中心 and every
page of the axe gate: test_axe.py.)"""

import pytest
from django.apps import apps

from tests.e2e.conftest import DESKTOP, PHONE, screenshot


def _context(browser, viewport):
    mobile = viewport is PHONE
    return browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai",
                               is_mobile=mobile, has_touch=mobile)


def _fits(page, viewport, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"{what} is wider than the screen: {width}px"


def _search(page, base, viewport, width):
    page.goto(f"{base}/search/?q=通知")
    results = page.locator(".search-result")
    assert results.count() > 0
    assert page.locator(".search-result mark").count() > 0, "no hit marks the words searched for"
    snippets = " ".join(page.locator(".search-result__snippet").all_inner_texts())
    for internal in ("一级标题", "二级标题", "索引号", "发文字号"):
        assert internal not in snippets, f"the excerpt shows internal text: {internal}"
    _fits(page, viewport, "search")
    screenshot(page, f"search-excerpts-{width}")


def _unknown_facet(page, base, viewport, width, library):
    page.goto(f"{base}{library.url}")
    total = int(page.locator("[data-case-count]").inner_text())
    # field=机关 is a label the library understands (a filter); a value it does not know
    # is ignored with a message instead of emptying the list.
    response = page.goto(f"{base}{library.url}?field=没有这个领域")
    assert response.status == 200
    assert int(page.locator("[data-case-count]").inner_text()) == total
    assert total > 0
    _fits(page, viewport, "case library")
    screenshot(page, f"cases-unknown-facet-{width}")


def _favicon(page, base, width):
    response = page.goto(f"{base}/favicon.ico")
    assert response.status == 200
    assert response.headers["content-type"].startswith("image/")
    # An image document does not screenshot well: show the icon on the site's own home page
    # (same origin, as a browser tab would load it), at tab size and enlarged, in the corner.
    page.goto(f"{base}/")
    page.evaluate("""() => {
        const box = document.createElement('div');
        box.style.cssText = 'position:absolute;top:0;left:0;z-index:9999;background:#fff;' +
                            'padding:8px;border:2px solid #333';
        for (const size of [32, 96]) {
            const img = document.createElement('img');
            img.src = '/favicon.ico'; img.alt = '图标'; img.width = size; img.height = size;
            box.appendChild(img);
        }
        document.body.appendChild(box);
    }""")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    screenshot(page, f"favicon-{width}")


def _thanks_reloaded(page, base, viewport, width, campaign, code):
    from tests.e2e.test_reviews import _fill

    page.goto(f"{base}/reviews/{campaign.slug}/")
    _fill(page, code, lambda i: "1")
    page.click(".review-submit__button")
    page.wait_for_url(f"**/reviews/{campaign.slug}/thanks/")
    page.reload()
    body = page.locator("main").inner_text()
    assert "评议提交成功" in body or "感谢" in body
    assert "未被计入" not in body
    _fits(page, viewport, "thank-you page")
    screenshot(page, f"reviews-thanks-reloaded-{width}")


def test_visitor_items_at_both_widths(browser, e2e_site, live_server):
    base = live_server.url
    library = campaign = None
    if apps.is_installed("plugins.cases"):
        from tests.e2e.test_cases import _library

        library = _library(e2e_site)
    if apps.is_installed("plugins.reviews"):
        from tests.e2e.test_reviews import _campaign

        campaign, codes = _campaign(e2e_site)
    for n, (viewport, width) in enumerate(((DESKTOP, 1366), (PHONE, 390))):
        context = _context(browser, viewport)
        page = context.new_page()
        page.set_default_timeout(20000)
        _search(page, base, viewport, width)
        _favicon(page, base, width)
        if library is not None:
            _unknown_facet(page, base, viewport, width, library)
        if campaign is not None:
            _thanks_reloaded(page, base, viewport, width, campaign, codes[n])
        context.close()
    if library is None or campaign is None:
        pytest.skip("a plugin is switched off: its items were not checked")
