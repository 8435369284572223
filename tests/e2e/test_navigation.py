"""The main menu on a desktop and on a 390 px phone: every section reachable, by touch and by
keyboard, the current section marked, and the menu open without JavaScript."""

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, screenshot

TOGGLE = ".mainnav__toggle"


def section_links(page):
    """(title, href) of every top-level section in the main menu."""
    return page.eval_on_selector_all(
        "#mainnav-list a", "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])")


def test_desktop_menu_shows_every_section_without_a_button(page, e2e_site, live_server):
    page.goto(live_server.url + "/")
    expect(page.locator(TOGGLE)).to_be_hidden()
    links = section_links(page)
    titles = [title for title, _ in links]
    assert {"首页", "通知公告", "经验交流"} <= set(titles)
    for title, _ in links:
        expect(page.locator("#mainnav-list").get_by_role("link", name=title, exact=True)).to_be_visible()
    screenshot(page, "nav-desktop-1366")


def test_phone_menu_button_opens_every_section(phone_page, e2e_site, live_server):
    page = phone_page
    page.goto(live_server.url + "/")
    toggle = page.locator(TOGGLE)
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#mainnav-list")).to_be_hidden()
    screenshot(page, "nav-phone-390-closed")
    links = section_links(page)
    assert len(links) >= 6, links  # the core sections and every plugin's

    for title, href in links:
        page.goto(live_server.url + "/")
        page.locator(TOGGLE).click()
        expect(page.locator(TOGGLE)).to_have_attribute("aria-expanded", "true")
        link = page.locator("#mainnav-list").get_by_role("link", name=title, exact=True)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (title, box)
        link.click()
        page.wait_for_url(live_server.url + href)
        # The section now shown is the one marked in the menu.
        current = page.locator('#mainnav-list a[aria-current="page"]')
        expect(current).to_have_count(1)
        expect(current).to_have_attribute("href", href)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{title}: the page overflows the phone ({width}px)"

    page.goto(live_server.url + e2e_site.notices.url)
    page.locator(TOGGLE).click()
    screenshot(page, "nav-phone-390-open")


def test_phone_menu_by_keyboard_only(phone_page, e2e_site, live_server):
    page = phone_page
    page.goto(live_server.url + "/")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.mainnav__toggle')"):
            break
    else:
        raise AssertionError("the menu button cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator(TOGGLE)).to_have_attribute("aria-expanded", "true")
    # Escape folds the menu and gives focus back to the button; Space opens it again.
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(page.locator(TOGGLE)).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.matches('.mainnav__toggle')")
    page.keyboard.press(" ")
    expect(page.locator(TOGGLE)).to_have_attribute("aria-expanded", "true")
    # Tab walks the sections in order; Enter follows the one reached.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "首页"
    page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target == e2e_site.notices.url
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + target)
    expect(page.locator("h1")).to_have_text("通知公告")


def test_phone_menu_is_open_without_javascript(browser, e2e_site, live_server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + e2e_site.notices.url)
    expect(page.locator(TOGGLE)).to_be_hidden()
    for title, _ in section_links(page):
        expect(page.locator("#mainnav-list").get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(page.locator('#mainnav-list a[aria-current="page"]')).to_have_text("通知公告")
    screenshot(page, "nav-phone-390-nojs")
    context.close()
