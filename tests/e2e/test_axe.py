"""Accessibility gate: axe-core (tests/e2e/axe, pinned, installed by scripts/ensure_axe.sh)
injected into the main page types at 1366 px and 390 px, the Wagtail admin's dashboard
included. Fails on any violation, whatever its impact; every violation found is written to
tests/artifacts/axe/<page>-<width>.json for docs/accessibility.md, and every page checked is
kept as tests/artifacts/screenshots/axe-<page>-<width>.png for people to look at."""

import json
from pathlib import Path

import pytest
from django.apps import apps

from .conftest import DESKTOP, PHONE, screenshot

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = Path(__file__).resolve().parent.parent / "artifacts" / "axe"
PASSWORD = "correct-horse-battery"

pytestmark = pytest.mark.skipif(
    not AXE.exists(),
    reason=f"axe-core not installed at {AXE}: the accessibility gate is SKIPPED "
           "(run: bash scripts/ensure_axe.sh, which needs npm)")


def _pages(site):
    """(name, path, who) for every page type the gate covers; who: None, "member", "admin"."""
    from tests.factories import member_of

    member_of(site.branch1, username="axe-member", first_name="李明")
    pages = [("home", "/", None), ("section", site.notices.url, None),
             ("notice", site.public_notice.url, None), ("search", "/search/?q=通知", None),
             ("member-centre", "/member/", "member"), ("admin-dashboard", "/admin/", "admin")]
    if apps.is_installed("plugins.commitments"):
        from tests.plugins.commitments.factories import published_pledge

        published_pledge(site.branch1, n=2)
        pages.append(("ledger", "/commitments/", None))
    if apps.is_installed("plugins.reviews"):
        from tests.plugins.reviews.conftest import make_campaign

        campaign = make_campaign(site)
        pages.append(("review-form", f"/reviews/{campaign.slug}/", None))
    if apps.is_installed("plugins.cases"):
        from tests.e2e.test_cases import _library

        library = _library(site)  # the demo's cases, so case cards are checked too
        pages.append(("case-library", library.url, None))
    if apps.is_installed("plugins.meetings"):
        pages.append(("meetings", "/meetings/", "member"))
    return pages


def _login(page, base, who):
    from tests.factories import UserFactory

    if who == "admin":
        UserFactory(username="axe-admin", is_staff=True, is_superuser=True)
        page.goto(base + "/admin/login/")
        page.fill("input[name=username]", "axe-admin")
    else:
        page.goto(base + "/member/login/")
        page.fill("input[name=username]", "axe-member")
    # Submit the login form itself (the header's search form comes first on the page).
    with page.expect_navigation():
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("input[name=password]").press("Enter")
    assert "/login/" not in page.url, f"{who} could not log in: {page.url}"


def _violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")


def test_main_pages_have_no_violations_of_any_impact(browser, e2e_site, live_server):
    pages = _pages(e2e_site)
    REPORTS.mkdir(parents=True, exist_ok=True)
    failures = []
    for viewport, width in ((DESKTOP, 1366), (PHONE, 390)):
        for who in (None, "member", "admin"):
            mobile = viewport is PHONE
            # The site's CSP forbids inline scripts; axe is injected by the test only.
            context = browser.new_context(viewport=viewport, locale="zh-CN",
                                          timezone_id="Asia/Shanghai", is_mobile=mobile,
                                          has_touch=mobile, bypass_csp=True)
            page = context.new_page()
            page.set_default_timeout(20000)
            if who:
                _login(page, live_server.url, who)
            for name, path, needs in pages:
                if needs != who:
                    continue
                response = page.goto(live_server.url + path)
                assert response.status == 200, f"{name} {path}: {response.status}"
                if who == "member":  # the member's own page, not the login form
                    assert page.locator("input[name=password]").count() == 0, name
                found = _violations(page)
                (REPORTS / f"{name}-{width}.json").write_text(
                    json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
                screenshot(page, f"axe-{name}-{width}")
                failures += [f"{name} @{width}px: [{v['impact']}] {v['id']} {v['help']} "
                             f"{v['nodes']}" for v in found]
            context.close()
    assert not failures, "axe found violations:\n" + "\n".join(failures)
