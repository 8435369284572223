"""The public form: one response per respondent, refused attempts, bad input, nothing half-saved."""

import pytest
from django.test import Client

from plugins.reviews.constants import CATEGORY_MEMBER, MODE_MEMBERS_ONLY
from plugins.reviews.models import (
    Comment,
    ContactDetail,
    EvaluationCode,
    Rating,
    RefusedAttempt,
    Response,
)

from .conftest import answers, form_data, form_url, make_campaign, solved_captcha, visit

pytestmark = pytest.mark.django_db


def test_form_lists_targets_and_criteria_without_javascript(client, campaign):
    body = visit(client, campaign).content.decode()
    assert "第一党支部" in body and "第二党支部" in body
    for name in ("中心工作完成情况", "承诺践诺情况", "为群众办实事", "整改落实", "队伍建设"):
        assert name in body
    assert body.count('type="radio"') >= 2 * 5 * 4
    assert 'name="captcha_1"' in body
    assert "<script" not in body.split("<main", 1)[1]  # the form needs no script


def test_visitor_submits_once_and_second_attempt_is_refused(client, campaign):
    visit(client, campaign)
    response = client.post(form_url(campaign), form_data(campaign))
    assert response.status_code == 302
    assert response["Location"].endswith("/thanks/")
    assert Response.objects.count() == 1
    assert Rating.objects.count() == 2
    assert set(Rating.objects.values_list("levels", flat=True)) == {"11111"}

    again = client.get(form_url(campaign))
    assert "您已参加过本次评议" in again.content.decode()
    assert 'name="captcha_1"' not in again.content.decode()

    second = client.post(form_url(campaign), form_data(campaign, level="4"))
    assert second.status_code == 409
    assert "每人只能提交一次" in second.content.decode()
    assert Response.objects.count() == 1  # counted once
    assert set(Rating.objects.values_list("levels", flat=True)) == {"11111"}
    assert RefusedAttempt.objects.filter(reason="duplicate").count() == 1


def test_member_answers_with_account_and_as_party_member(client, site_tree, member1, member2):
    campaign = make_campaign(site_tree, members=[member2])
    client.force_login(member1)
    body = visit(client, campaign).content.decode()
    assert "以<strong>党员</strong>身份" in body
    assert 'name="captcha_1"' not in body  # members are identified by their account
    response = client.post(form_url(campaign), answers(campaign, "2"))
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.category == CATEGORY_MEMBER and saved.channel == "account"
    # A keyed hash of the account, not the account itself.
    assert len(saved.respondent_key) == 64 and saved.respondent_key != str(member1.pk)
    assert sorted(Rating.objects.values_list("levels", flat=True)) == ["2222", "22222", "22222"]
    assert client.post(form_url(campaign), answers(campaign, "1")).status_code == 409
    assert Response.objects.count() == 1


def test_member_cannot_pose_as_another_category(client, campaign, member1):
    client.force_login(member1)
    client.post(form_url(campaign), {**answers(campaign), "category": "client"})
    assert Response.objects.get().category == CATEGORY_MEMBER


def test_evaluation_code_is_used_once(client, code_campaign):
    code = EvaluationCode.objects.filter(campaign=code_campaign).first()
    typed = code.display.lower()  # typed in lower case with the dash
    response = client.post(form_url(code_campaign), form_data(code_campaign, code=typed))
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.used_at is not None

    other_device = Client()
    reuse = other_device.post(form_url(code_campaign), form_data(code_campaign, code=code.code))
    assert reuse.status_code == 409
    assert "该评议码已经使用过" in reuse.content.decode()
    assert Response.objects.count() == 1
    assert RefusedAttempt.objects.filter(reason="code_used").count() == 1


def test_unknown_code_is_refused_and_answers_are_kept(client, code_campaign):
    response = client.post(form_url(code_campaign),
                           form_data(code_campaign, level="3", code="ZZZZ-ZZZZ"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "评议码不正确" in body
    assert body.count('value="3" checked') == 10  # the answers are not lost
    assert Response.objects.count() == 0 and Rating.objects.count() == 0


def test_code_mode_requires_a_code(client, code_campaign):
    response = client.post(form_url(code_campaign), form_data(code_campaign))
    assert response.status_code == 400
    assert "请输入评议码" in response.content.decode()
    assert Response.objects.count() == 0


@pytest.mark.parametrize("opens, closes, title", [(2, 30, "评议尚未开始"), (-30, -1, "评议已经结束")])
def test_closed_or_future_campaign_has_no_form(client, site_tree, opens, closes, title):
    campaign = make_campaign(site_tree, opens=opens, closes=closes)
    page = client.get(form_url(campaign))
    assert page.status_code == 200
    assert title in page.content.decode()
    assert "<form method=\"post\" action=\"/reviews/" not in page.content.decode()
    post = client.post(form_url(campaign), form_data(campaign))
    assert post.status_code == 403
    assert Response.objects.count() == 0


def test_members_only_campaign_asks_visitors_to_log_in(client, site_tree):
    campaign = make_campaign(site_tree, mode=MODE_MEMBERS_ONLY)
    page = client.get(form_url(campaign))
    assert "仅限党员参加" in page.content.decode()
    assert "/member/login/" in page.content.decode()


def test_unknown_campaign_is_404(client, db):
    assert client.get("/reviews/no-such-campaign/").status_code == 404


def test_unknown_target_is_refused(client, campaign):
    visit(client, campaign)
    data = form_data(campaign, **{"r-999999-1": "1"})
    response = client.post(form_url(campaign), data)
    assert response.status_code == 400
    assert "不属于本次评议活动" in response.content.decode()
    assert Response.objects.count() == 0


def test_missing_answers_are_listed(client, campaign):
    visit(client, campaign)
    branch2 = campaign.targets.get(organisation__slug="branch-2")
    data = form_data(campaign)
    for criterion in ("整改落实", "队伍建设"):
        crit = campaign.criteria.get(target_kind="organisation", name=criterion)
        del data[f"r-{branch2.pk}-{crit.pk}"]
    response = client.post(form_url(campaign), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "以下2项尚未评价" in body
    assert "第二党支部·整改落实" in body and "第二党支部·队伍建设" in body
    assert "第一党支部·整改落实" not in body
    assert Response.objects.count() == 0


def test_invalid_level_is_refused(client, campaign):
    visit(client, campaign)
    response = client.post(form_url(campaign), form_data(campaign, level="9"))
    assert response.status_code == 400
    assert Response.objects.count() == 0


def test_script_in_comment_is_stored_pending_and_escaped(client, campaign, admin_client):
    visit(client, campaign)
    payload = "<script>alert('x')</script>服务很好"
    assert client.post(form_url(campaign), form_data(campaign, comment=payload)).status_code == 302
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.text == payload
    page = admin_client.get("/admin/reviews/comments/")
    assert payload not in page.content.decode()
    assert "&lt;script&gt;" in page.content.decode()


def test_too_long_comment_is_refused(client, campaign):
    visit(client, campaign)
    response = client.post(form_url(campaign), form_data(campaign, comment="意" * 501))
    assert response.status_code == 400
    assert "不能超过500字" in response.content.decode()
    assert Response.objects.count() == 0


def test_one_megabyte_payload_is_rejected(client, campaign):
    visit(client, campaign)
    response = client.post(form_url(campaign), form_data(campaign, comment="x" * (1024 * 1024)))
    assert response.status_code == 413
    assert "提交内容过大" in response.content.decode()
    assert Response.objects.count() == 0


def test_missing_or_wrong_csrf_token_is_refused(campaign):
    browser = Client(enforce_csrf_checks=True)
    visit(browser, campaign)
    response = browser.post(form_url(campaign), form_data(campaign))
    assert response.status_code == 403
    assert "为防止伪造提交" in response.content.decode()
    response = browser.post(form_url(campaign),
                            form_data(campaign, csrfmiddlewaretoken="x" * 64))
    assert response.status_code == 403
    assert Response.objects.count() == 0
    token = browser.cookies["csrftoken"].value
    ok = browser.post(form_url(campaign), form_data(campaign, csrfmiddlewaretoken=token))
    assert ok.status_code == 302


def test_wrong_captcha_is_refused(client, campaign):
    visit(client, campaign)
    data = form_data(campaign, captcha=False)
    data.update(solved_captcha())
    data["captcha_1"] = "wrong"
    response = client.post(form_url(campaign), data)
    assert response.status_code == 400
    assert "验证码不正确" in response.content.decode()
    assert Response.objects.count() == 0


def test_captcha_cannot_be_replayed(client, campaign):
    visit(client, campaign)
    captcha = solved_captcha()
    first = form_data(campaign, captcha=False, **captcha)
    assert client.post(form_url(campaign), first).status_code == 302
    other = Client()
    visit(other, campaign)
    replay = other.post(form_url(campaign), form_data(campaign, captcha=False, **captcha))
    assert replay.status_code == 400
    assert Response.objects.count() == 1


def test_submissions_are_rate_limited_per_client(client, campaign, settings):
    settings.REVIEWS_SUBMIT_RATE = "3/m"
    visit(client, campaign)
    codes = [client.post(form_url(campaign), {"category": "public"}).status_code
             for _ in range(4)]
    assert codes == [400, 400, 400, 429]
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(form_url(campaign), {"category": "public"}).status_code == 400


def test_device_token_is_required_to_post(campaign):
    fresh = Client()
    response = fresh.post(form_url(campaign), form_data(campaign))
    assert response.status_code == 400
    assert "无法识别您的设备" in response.content.decode()


def test_contact_phone_is_encrypted(client, campaign):
    visit(client, campaign)
    client.post(form_url(campaign), form_data(campaign, contact_phone="13812341234"))
    contact = ContactDetail.objects.get()
    assert "13812341234" not in contact.phone_encrypted
    assert contact.phone == "13812341234"
    assert contact.masked_phone == "138****1234"


def test_bad_phone_is_refused(client, campaign):
    visit(client, campaign)
    response = client.post(form_url(campaign), form_data(campaign, contact_phone="abc"))
    assert response.status_code == 400
    assert Response.objects.count() == 0


def test_failure_midway_saves_nothing(client, campaign, monkeypatch):
    visit(client, campaign)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ContactDetail, "save", broken)
    with pytest.raises(RuntimeError):
        client.post(form_url(campaign), form_data(campaign, comment="好", contact_phone="13812341234"))
    assert Response.objects.count() == 0
    assert Rating.objects.count() == 0
    assert Comment.objects.count() == 0


def test_reloading_the_thank_you_page_says_thank_you_again(client, campaign):
    visit(client, campaign)
    response = client.post(form_url(campaign), form_data(campaign))
    for _reload in range(2):  # the POST was redirected: a reload is a plain GET
        body = client.get(response["Location"]).content.decode()
        assert "评议提交成功" in body and "未被计入" not in body
    assert Response.objects.count() == 1


def test_home_panel_gives_the_closing_date_with_its_year(client, campaign):
    from django.utils import timezone

    closes = timezone.localtime(campaign.closes_at)
    body = client.get("/").content.decode()
    assert f"{closes.year}年{closes.month}月{closes.day}日截止" in body
