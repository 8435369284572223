"""群众评议 in a phone browser: a visitor submits, a second submission is refused,
and after the campaign closes staff read the 统计表."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.requires_plugin("reviews")

PASSWORD = "Review-Staff-2026"


def _campaign(site):
    from plugins.reviews.constants import MODE_CODE
    from plugins.reviews.models import Campaign, CampaignTarget, EvaluationCode

    now = timezone.now()
    campaign = Campaign(title="2026年上半年群众评议", slug="e2e-h1", period="2026年上半年",
                        intro="请对机关第一、第二党支部上半年工作进行评议。",
                        opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=7),
                        public_mode=MODE_CODE)
    campaign.targets.add(CampaignTarget(organisation=site.branch1, sort_order=0))
    campaign.targets.add(CampaignTarget(organisation=site.branch2, sort_order=1))
    campaign.save()
    EvaluationCode.generate_batch(campaign, 3)
    return campaign, list(EvaluationCode.objects.filter(campaign=campaign))


def _solve_captcha(page):
    from captcha.models import CaptchaStore

    key = page.input_value("input[name=captcha_0]")
    page.fill("input[name=captcha_1]", CaptchaStore.objects.get(hashkey=key).response)


def _fill(page, code, level_for_row):
    page.fill("input[name=code]", code.display.lower())
    page.check("input[name=category][value=public]")
    groups = page.eval_on_selector_all(".review-q input[type=radio]",
                                       "els => [...new Set(els.map(e => e.name))]")
    for i, name in enumerate(groups):
        page.check(f"input[name='{name}'][value='{level_for_row(i)}']")
    _solve_captcha(page)


def test_visitor_submits_on_a_phone_and_staff_read_the_table(e2e_site, live_server, phone_page):
    from django.contrib.auth import get_user_model

    from plugins.reviews.models import Campaign, Response

    campaign, codes = _campaign(e2e_site)
    base = live_server.url
    page = phone_page

    page.goto(f"{base}/reviews/{campaign.slug}/")
    assert page.locator("h1").inner_text() == "2026年上半年群众评议"
    assert page.locator(".review-q").count() == 10
    # The scale fits the phone: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "reviews-form-phone")

    # Missing answers are listed, and what was filled in is kept.
    page.fill("input[name=code]", codes[0].display)
    page.check("input[name=category][value=client]")
    _solve_captcha(page)
    page.click(".review-submit__button")
    assert "以下10项尚未评价" in page.locator("#form-errors").inner_text()
    screenshot(page, "reviews-form-missing-phone")

    _fill(page, codes[0], lambda i: "1" if i < 5 else "4")
    page.click(".review-submit__button")
    page.wait_for_url(f"**/reviews/{campaign.slug}/thanks/")
    assert "评议提交成功" in page.locator("h1").inner_text()
    screenshot(page, "reviews-thanks-phone")

    # The same paper code again: refused, clearly, and not counted.
    page.goto(f"{base}/reviews/{campaign.slug}/")
    _fill(page, codes[0], lambda i: "2")
    page.click(".review-submit__button")
    assert "该评议码已经使用过" in page.locator("#form-errors").inner_text()
    screenshot(page, "reviews-second-refused-phone")
    assert Response.objects.filter(campaign=campaign).count() == 1

    # A second visitor with another code.
    page.goto(f"{base}/reviews/{campaign.slug}/")
    _fill(page, codes[1], lambda i: "2" if i % 2 else "3")
    page.click(".review-submit__button")
    page.wait_for_url("**/thanks/")

    # Before close the public sees no figures.
    page.goto(f"{base}/reviews/{campaign.slug}/results/")
    assert "评议正在进行" in page.content()

    Campaign.objects.filter(pk=campaign.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    get_user_model().objects.create_superuser("reviewstaff", "staff@example.org", PASSWORD)
    page.goto(f"{base}/member/login/?next=/reviews/{campaign.slug}/results/")
    page.fill("input[name=username]", "reviewstaff")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"**/reviews/{campaign.slug}/results/")
    text = page.locator("main").inner_text()
    assert "群众评议情况统计表" in text
    assert "尚未发布" in text
    assert page.locator("svg.chart__svg").count() == 2
    assert page.locator("tr.review-row--flagged").count() == 1  # branch-2: 不满意 / 基本满意 mix
    screenshot(page, "reviews-results-phone")
