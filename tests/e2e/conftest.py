"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

No browser is ever downloaded: we launch /usr/bin/chromium (or $PORTAL_CHROMIUM).
If it is missing the tests are skipped and the run says so loudly.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make to set up data are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

SKIP_REASON = (f"Chromium not found at {CHROMIUM}: browser tests SKIPPED. "
               "Install it with: apt-get install -y chromium chromium-driver")


def chromium_available():
    return os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


def pytest_collection_modifyitems(config, items):
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.e2e)
            if not chromium_available():
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


def _context(browser, viewport, mobile=False):
    return browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai",
                               is_mobile=mobile, has_touch=mobile)


@pytest.fixture
def page(browser):
    context = _context(browser, DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = _context(browser, PHONE, mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def screenshot(page, name):
    """Keep a full-page screenshot under tests/artifacts/screenshots/ for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def e2e_site(django_db_serialized_rollback, live_server):
    """The shared site tree, committed so the live server thread can see it.

    Serialized rollback restores what Wagtail's data migrations created (the
    root page, the default locale and collection) after each flush.
    """
    from tests.conftest import build_site

    return build_site()
