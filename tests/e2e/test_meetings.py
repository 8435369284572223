"""Browser test: a branch secretary enters a 三会一课 record and sees the dashboard change."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.requires_plugin("meetings")

PASSWORD = "correct-horse-battery"


@pytest.fixture
def secretary(e2e_site):
    from pages.models import BranchCommitteeMember
    from tests.factories import member_of

    user = member_of(e2e_site.branch1, username="secretary1", first_name="赵志刚")
    member_of(e2e_site.branch1, username="member-b1", first_name="钱晓峰")
    BranchCommitteeMember.objects.create(branch=e2e_site.branch1, name="赵志刚",
                                         role="secretary", user=user)
    return user


def _login(page, base):
    page.goto(f"{base}/member/login/")
    page.fill("input[name=username]", "secretary1")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/member/**")


def _csp_errors(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text
            else None)
    return errors


def test_secretary_enters_a_record_and_the_dashboard_changes(page, phone_page, live_server,
                                                             e2e_site, secretary, settings,
                                                             tmp_path):
    settings.MEETINGS_PRIVATE_ROOT = tmp_path
    base = live_server.url
    org = e2e_site.branch1
    csp = _csp_errors(page)
    _login(page, base)
    page.goto(f"{base}/meetings/org/{org.pk}/")
    assert page.locator("[data-testid=org-held]").inner_text() == "0"
    overdue_before = int(page.locator("[data-testid=org-overdue]").inner_text())

    page.click("text=录入会议记录")
    start = timezone.localtime() - dt.timedelta(days=1)
    start = start.replace(hour=9, minute=0)
    page.select_option("select[name=meeting_type]", "committee")
    page.fill("input[name=topic]", "研究十一月支部工作安排")
    page.fill("input[name=start]", start.strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=end]", (start + dt.timedelta(minutes=90)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("input[name=place]", "财政大楼6楼党员活动室")
    page.fill("input[name=host]", "赵志刚")
    page.fill("input[name=recorder]", "孙丽")
    page.check("label:has-text('赵志刚') input")
    page.fill("textarea[name=absences_text]", "钱晓峰：出差")
    page.fill("textarea[name=attendees_other]", "李明")
    page.fill("textarea[name=content]", "传达学习上级党组织会议精神，研究部署本月党建和业务工作。")
    page.fill("textarea[name=votes]", "应到2人，实到1人，举手表决一致通过。")
    screenshot(page, "meetings-record-form")
    page.click("button:has-text('保存记录')")

    # 李明 is not on the roster: a warning, nothing saved until confirmed
    assert page.locator("text=以下出席人员不在第一党支部党员名册中：李明").is_visible()
    screenshot(page, "meetings-record-warning")
    page.check("input[name=confirm_warnings]")
    page.click("button:has-text('保存记录')")
    page.wait_for_url(f"{base}/meetings/record/**")
    assert page.locator("h1.doc-title").inner_text() == "研究十一月支部工作安排"
    assert page.locator("text=钱晓峰（出差）").is_visible()
    screenshot(page, "meetings-record-detail")

    page.goto(f"{base}/meetings/org/{org.pk}/")
    assert page.locator("[data-testid=org-held]").inner_text() == "1"
    # yesterday's meeting fills this month's (or, on the 1st, last month's overdue) 支委会
    overdue_after = int(page.locator("[data-testid=org-overdue]").inner_text())
    assert overdue_after in (overdue_before, overdue_before - 1)
    assert page.locator("a:has-text('研究十一月支部工作安排')").is_visible()
    screenshot(page, "meetings-dashboard")

    page.goto(f"{base}/meetings/")
    assert page.locator(".mtg-tile:has-text('支委会') .mtg-tile__value").inner_text() == "1"
    assert not csp, csp

    phone_csp = _csp_errors(phone_page)
    _login(phone_page, base)
    phone_page.goto(f"{base}/meetings/org/{org.pk}/")
    assert phone_page.locator("[data-testid=org-held]").inner_text() == "1"
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page wider than the phone: {width}px"
    screenshot(phone_page, "meetings-dashboard-phone")
    phone_page.click("a:has-text('研究十一月支部工作安排')")
    phone_page.wait_for_url(f"{base}/meetings/record/**")
    screenshot(phone_page, "meetings-record-phone")
    assert not phone_csp, phone_csp
