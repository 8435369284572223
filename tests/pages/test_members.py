"""Front-end member login/logout, lockout after repeated failures, and the footer settings."""

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Site

from portal.models import FooterLink, PortalSettings
from tests.factories import UserFactory

LOGIN = "/member/login/"


def test_login_page_is_chinese_and_has_csrf(client, site_tree):
    body = client.get(LOGIN).content.decode()
    assert "党员登录" in body and "csrfmiddlewaretoken" in body


def test_wrong_password_gives_a_clear_message(client, site_tree, member1):
    response = client.post(LOGIN, {"username": "member1", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_then_see_party_items_then_logout(client, site_tree, member1):
    response = client.post(LOGIN, {"username": "member1", "password": "correct-horse-battery",
                                   "next": site_tree.party_notice.url})
    assert response.status_code == 302 and response["Location"] == site_tree.party_notice.url
    assert client.get(site_tree.party_notice.url).status_code == 200
    assert "第一党支部" in client.get(reverse("members:home")).content.decode()
    client.post(reverse("members:logout"))
    assert client.get(site_tree.party_notice.url).status_code == 302


def test_logout_needs_post(client, site_tree, member1):
    client.force_login(member1)
    assert client.get(reverse("members:logout")).status_code == 405


def test_login_refuses_offsite_redirects(client, site_tree, member1):
    response = client.post(LOGIN, {"username": "member1", "password": "correct-horse-battery",
                                   "next": "https://evil.example/"})
    assert response["Location"] == "/member/"


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_for_a_while(client, site_tree, member1):
    for _ in range(3):
        client.post(LOGIN, {"username": "member1", "password": "wrong"})
    response = client.post(LOGIN, {"username": "member1", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert "暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_login_is_locked_out_too(client, db):
    UserFactory(username="boss", is_staff=True, is_superuser=True)
    for _ in range(3):
        client.post("/admin/login/", {"username": "boss", "password": "nope"})
    response = client.post("/admin/login/", {"username": "boss", "password": "correct-horse-battery"})
    assert response.status_code == 429


@pytest.mark.django_db
def test_footer_shows_site_settings(client, site_tree):
    settings_obj = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.sponsor = "中共示范市财政局机关委员会"
    settings_obj.organiser = "机关党委办公室"
    settings_obj.icp_number = "京ICP备12345678号"
    settings_obj.police_number = "京公网安备11010502000001号"
    settings_obj.site_code = "1100000001"
    settings_obj.phone = "010-12345678"
    settings_obj.save()
    FooterLink.objects.create(setting=settings_obj, title="共产党员网", url="https://www.12371.cn/")
    body = client.get("/").content.decode()
    for expected in ("主办单位：中共示范市财政局机关委员会", "承办单位：机关党委办公室",
                     "京ICP备12345678号", "京公网安备11010502000001号", "网站标识码：1100000001",
                     "010-12345678", "共产党员网"):
        assert expected in body, expected
