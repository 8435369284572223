"""Browser test: a member submits her 承诺书, the secretary approves it (审定), and a visitor
sees it in the public ledger and downloads the 台账 as XLSX."""

import io

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.requires_plugin("commitments")

PASSWORD = "correct-horse-battery"


@pytest.fixture
def people(e2e_site):
    from django.core.cache import cache

    from tests.factories import member_of
    from tests.plugins.commitments.factories import PeriodFactory, make_secretary

    cache.clear()  # no roll-ups cached by earlier tests (their rollbacks send no signal)
    period = PeriodFactory()
    member = member_of(e2e_site.branch1, username="member1", first_name="钱晓峰")
    secretary = member_of(e2e_site.branch1, username="secretary1", first_name="赵志刚")
    make_secretary(e2e_site.branch1, secretary)
    return period, member, secretary


def _login(page, base, username):
    page.goto(f"{base}/member/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/member/**")


def _logout(page):
    page.click(".topbar form.inline-form button")
    page.wait_for_load_state()


def _csp_errors(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text)
            if "Content Security Policy" in m.text else None)
    return errors


ITEMS = [
    ("每季度走访联系户不少于1次，帮助解决实际困难", "建立走访记录，及时反映群众诉求", "practical"),
    ("对来电来访群众热情接待、耐心解答，做到零投诉", "落实首问负责制，做好来访登记", "service"),
]


def test_member_submits_secretary_approves_visitor_downloads(page, phone_page, live_server,
                                                             people):
    period, _member, _secretary = people
    base = live_server.url
    csp = _csp_errors(page)

    # 1. the member drafts and submits
    _login(page, base, "member1")
    page.goto(f"{base}/commitments/my/")
    page.click("form.cm-start button[type=submit]")
    page.wait_for_url(f"{base}/commitments/pledges/*/edit/")
    deadline = period.end_date.isoformat()
    for i, (content, measures, category) in enumerate(ITEMS):
        page.fill(f"textarea[name=items-{i}-content]", content)
        page.fill(f"textarea[name=items-{i}-measures]", measures)
        page.select_option(f"select[name=items-{i}-category]", category)
        page.fill(f"input[name=items-{i}-deadline]", deadline)
        page.fill(f"input[name=items-{i}-responsible]", "钱晓峰")
    screenshot(page, "commitments-edit-desktop")
    page.click("button[name=submit]")
    page.wait_for_url(f"{base}/commitments/pledges/*/")
    assert "等待党组织书记审定" in page.content()
    _logout(page)

    # the visitor does not see it yet
    page.goto(f"{base}/commitments/")
    assert ITEMS[0][0] not in page.content()

    # 2. the secretary approves
    _login(page, base, "secretary1")
    page.goto(f"{base}/commitments/review/")
    page.click("text=审定 >> nth=-1")
    page.wait_for_url(f"{base}/commitments/review/*/")
    screenshot(page, "commitments-review-desktop")
    page.fill("textarea[name=note]", "同意公开示诺。")
    page.click("button[name=approve]")
    page.wait_for_url(f"{base}/commitments/review/")
    assert "已审定通过" in page.content()
    _logout(page)

    # 3. a visitor sees it in the ledger and downloads the XLSX
    page.goto(f"{base}/commitments/")
    assert ITEMS[0][0] in page.content()
    assert page.locator("svg.cm-chart__svg").count() >= 2
    screenshot(page, "commitments-ledger-desktop")
    with page.expect_download() as info:
        page.click("a[data-export]")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    contents = [row[2] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert ITEMS[0][0] in contents and ITEMS[1][0] in contents

    page.click(f"text={ITEMS[0][0]}")
    page.wait_for_url(f"{base}/commitments/pledges/*/")
    assert "党员公开承诺书" in page.content() and "同意公开示诺" not in page.content()
    screenshot(page, "commitments-pledge-desktop")
    assert csp == []

    phone_page.goto(f"{base}/commitments/")
    assert ITEMS[0][0] in phone_page.content()
    screenshot(phone_page, "commitments-ledger-phone")
    phone_page.goto(page.url)
    screenshot(phone_page, "commitments-pledge-phone")
