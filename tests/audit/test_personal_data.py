"""A member's data: exported as JSON and erased on request from the admin; tallies survive."""

import json

import pytest
from django.contrib.auth import get_user_model

from audit import constants as c
from audit.personal_data import ERASED_MARK
from tests.factories import UserFactory

from .helpers import events, make

reviews_installed = pytest.mark.requires_plugin("reviews")


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


def page(user):
    return f"/admin/personal-data/{user.pk}/"


def test_export_gives_the_account_as_json_and_is_audited(admin_client, site_tree, member1):
    make(c.LOGIN, "member1", user=member1, target="member1", ip="192.0.2.1")
    assert admin_client.get(page(member1)).status_code == 200
    response = admin_client.get(page(member1) + "export.json")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["账户"]["用户名"] == "member1"
    assert data["账户"]["电子邮箱"] == "member1@example.org"
    assert "第一党支部" in "".join(data["账户"]["用户组"])
    [login] = [e for e in data["操作记录"] if e["操作"] == "登录"]
    assert login["IP地址"] == "192.0.2.1"
    # what was recorded about the account is hers too: joining her branch's group
    assert any(e["操作"] == "角色变更" for e in data["操作记录"])
    [event] = events(c.PERSONAL_EXPORT)
    assert event.username == "boss" and event.target == "member1"
    assert event.object_id == str(member1.pk)


def test_erase_needs_the_typed_username(admin_client, site_tree, member1):
    admin_client.post(page(member1) + "erase/", {"confirm_username": "wrong"})
    member1.refresh_from_db()
    assert member1.username == "member1" and member1.is_active


def test_erase_anonymises_the_account(admin_client, site_tree, member1):
    response = admin_client.post(page(member1) + "erase/", {"confirm_username": "member1"})
    assert response.status_code == 302
    member1.refresh_from_db()
    assert member1.username == f"erased-{member1.pk}"
    assert (member1.email, member1.first_name, member1.is_active) == ("", "", False)
    assert not member1.has_usable_password() and not member1.groups.exists()
    assert not get_user_model().objects.filter(username="member1").exists()
    [erased] = events(c.PERSONAL_ERASE)
    assert erased.username == "boss" and "member1" in erased.detail


def test_erasure_keeps_the_log_but_it_no_longer_names_the_person(admin_client, client,
                                                                  site_tree, member1):
    from django.test import Client

    Client().post("/member/login/", {"username": "member1", "password": "wrong"})
    make(c.EXPORT, "member1", user=member1, target="统计表")
    admin_client.post(page(member1) + "erase/", {"confirm_username": "member1"})
    erased = f"erased-{member1.pk}"
    [failed] = events(c.LOGIN_FAILED)
    assert failed.target == erased and failed.entry.data["attempted_username"] == erased
    [export] = [e for e in events(c.EXPORT) if e.target == "统计表"]
    assert export.username == erased and export.user == member1


def test_only_superusers_reach_the_screens(client, site_tree, member1):
    client.force_login(UserFactory(username="staffer", is_staff=True))
    assert client.get(page(member1) + "export.json").status_code in (302, 403)
    client.post(page(member1) + "erase/", {"confirm_username": "member1"})
    member1.refresh_from_db()
    assert member1.is_active


def test_user_listing_offers_the_action(admin_client, site_tree, member1):
    body = admin_client.get("/admin/users/").content.decode()
    assert page(member1) in body


@reviews_installed
def test_erasure_keeps_review_tallies_but_drops_phone_and_comment(admin_client, site_tree,
                                                                  member1):
    from plugins.reviews.constants import CHANNEL_ACCOUNT
    from plugins.reviews.identity import Respondent
    from plugins.reviews.models import Comment, ContactDetail, Rating, Response
    from plugins.reviews.submission import record_response
    from plugins.reviews.tallies import build_statistics
    from tests.plugins.reviews.conftest import make_campaign

    campaign = make_campaign(site_tree)
    levels = {t.pk: "1" * len(campaign.criteria_for(t.kind)) for t in campaign.targets.all()}
    record_response(campaign, Respondent(CHANNEL_ACCOUNT, str(member1.pk)), "member", levels,
                    comment="支部会议通知太晚，请提前", phone="13800138000")
    before = build_statistics(campaign)

    data = json.loads(admin_client.get(page(member1) + "export.json").content)
    [row] = data["群众评议"]
    assert row["联系电话"] == "13800138000" and "提前" in row["意见建议"]

    admin_client.post(page(member1) + "erase/", {"confirm_username": "member1"})
    assert Response.objects.filter(campaign=campaign).count() == 1
    assert Rating.objects.filter(campaign=campaign).count() == len(levels)
    assert not ContactDetail.objects.exists()
    assert Comment.objects.get().text == ERASED_MARK
    after = build_statistics(campaign)
    assert after.respondents == before.respondents == 1
