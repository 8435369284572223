"""Second factor for staff (django-otp): enrolment, login with a code, recovery codes,
the requirement for superusers and 审批人, and lockout per address across usernames."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pages.roles import APPROVERS, EDITORS, ensure_groups
from tests.factories import UserFactory
from twofactor import policy

PASSWORD = "correct-horse-battery"


@pytest.fixture
def groups(db):
    ensure_groups()


def staff(username, group=EDITORS, **fields):
    user = UserFactory(username=username, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(client, user):
    """Password login, then the enrolment page's QR device confirmed with a real code."""
    client.force_login(user)
    page = client.get("/admin/twofactor/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "data:image/svg+xml" in body and "绑定并启用" in body
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post("/admin/twofactor/", {"code": code_for(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<code>(\w+)</code>", done.content.decode())
    assert len(codes) == policy.RECOVERY_CODES
    device.refresh_from_db()
    assert device.confirmed
    return device, codes


def test_enrolment_is_offered_to_every_staff_account(client, groups):
    editor = staff("editor")
    client.force_login(editor)
    account = client.get("/admin/account/").content.decode()
    assert "两步验证" in account and "/admin/twofactor/" in account
    assert client.get("/admin/").status_code == 200  # optional for an editor
    device, codes = enrol(client, editor)
    assert policy.is_enrolled(editor)
    assert "剩余可用恢复码：10个" in client.get("/admin/twofactor/").content.decode()


def test_a_wrong_code_does_not_enrol(client, groups):
    editor = staff("editor")
    client.force_login(editor)
    client.get("/admin/twofactor/")
    response = client.post("/admin/twofactor/", {"code": "000000x"})
    assert "验证码不正确" in response.content.decode()
    assert not policy.is_enrolled(editor)


def test_login_asks_for_the_code_after_the_password(client, groups):
    editor = staff("editor")
    device, _ = enrol(client, editor)
    client.logout()
    assert client.login(username="editor", password=PASSWORD)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/twofactor/verify/?next=%2Fadmin%2Fpages%2F"
    wrong = client.post("/admin/twofactor/verify/", {"code": "123456", "next": "/admin/pages/"})
    assert "验证码不正确" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above started django-otp's throttle
    device.throttling_failure_timestamp = None
    device.last_t = -1
    device.save()
    right = client.post("/admin/twofactor/verify/", {"code": code_for(device),
                                                     "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    # An outside address in `next` is never followed.
    client.logout()
    client.login(username="editor", password=PASSWORD)
    device.last_t = -1
    device.save()
    away = client.post("/admin/twofactor/verify/", {"code": code_for(device),
                                                    "next": "https://evil.example/"})
    assert away["Location"] == "/admin/"


def test_a_recovery_code_works_once(client, groups):
    editor = staff("editor")
    _, codes = enrol(client, editor)
    client.logout()
    client.login(username="editor", password=PASSWORD)
    used = client.post("/admin/twofactor/verify/", {"code": codes[0].upper(), "next": "/admin/"})
    assert used.status_code == 302 and used["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    client.logout()
    client.login(username="editor", password=PASSWORD)
    again = client.post("/admin/twofactor/verify/", {"code": codes[0], "next": "/admin/"})
    assert again.status_code == 200 and "验证码不正确或已使用过" in again.content.decode()
    assert client.get("/admin/").status_code == 302


def test_new_recovery_codes_replace_the_old(client, groups):
    editor = staff("editor")
    _, codes = enrol(client, editor)
    response = client.post("/admin/twofactor/recovery-codes/")
    fresh = re.findall(r"<code>(\w+)</code>", response.content.decode())
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    assert policy.verify(editor, fresh[1]) is not None
    assert policy.verify(editor, codes[1]) is None


@override_settings(PORTAL_OTP_REQUIRED=True)
@pytest.mark.parametrize("kind", ["superuser", "approver"])
def test_required_for_superusers_and_approvers_under_production_settings(client, groups, kind):
    user = (staff("boss", group=None, is_superuser=True, is_staff=True) if kind == "superuser"
            else staff("approver", group=APPROVERS))
    client.force_login(user)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/twofactor/?next=")
    assert "必须启用两步验证" in client.get("/admin/twofactor/").content.decode()
    enrol(client, user)
    assert client.get("/admin/").status_code == 200


@override_settings(PORTAL_OTP_REQUIRED=True)
def test_editors_may_go_without_even_in_production(client, groups):
    client.force_login(staff("editor"))
    assert client.get("/admin/").status_code == 200


def test_not_required_in_the_demo_settings(client, groups):
    from django.conf import settings

    assert settings.PORTAL_OTP_REQUIRED is False  # test settings, like dev.py
    client.force_login(staff("boss", group=None, is_superuser=True, is_staff=True))
    assert client.get("/admin/pages/").status_code == 200


def test_production_and_dev_settings_say_which():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "portal" / "settings"
    assert 'PORTAL_OTP_REQUIRED = env_bool("PORTAL_OTP_REQUIRED", True)' in \
        (root / "base.py").read_text()
    assert "import *" in (root / "production.py").read_text()
    assert 'PORTAL_OTP_REQUIRED = env_bool("PORTAL_OTP_REQUIRED", False)' in \
        (root / "dev.py").read_text()


def test_reset_command(groups):
    from django.core.management import call_command

    editor = staff("editor")
    TOTPDevice.objects.create(user=editor, name="x", confirmed=True)
    call_command("reset_twofactor", "editor")
    assert not policy.is_enrolled(editor)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, PORTAL_ADDRESS_FAILURE_LIMIT=12)
def test_failures_over_many_usernames_lock_the_address(client, site_tree):
    from tests.factories import member_of

    member_of(site_tree.branch1, username="member1")
    for i in range(12):  # 12 failures, spread over 8 usernames: none reaches 5 on its own
        client.post("/member/login/", {"username": f"user{i % 8}", "password": "wrong"},
                    REMOTE_ADDR="10.0.0.9")
    locked = client.post("/member/login/", {"username": "member1", "password": PASSWORD},
                         REMOTE_ADDR="10.0.0.9")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    other = client.post("/member/login/", {"username": "member1", "password": PASSWORD},
                        REMOTE_ADDR="10.0.0.10")
    assert other.status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, PORTAL_ADDRESS_FAILURE_LIMIT=20)
def test_a_few_mistakes_by_several_people_do_not_lock_the_address(client, site_tree):
    from tests.factories import member_of

    member_of(site_tree.branch1, username="member1")
    for i in range(6):  # two failures each for three colleagues behind one address
        client.post("/member/login/", {"username": f"colleague{i % 3}", "password": "wrong"},
                    REMOTE_ADDR="10.0.0.9")
    ok = client.post("/member/login/", {"username": "member1", "password": PASSWORD},
                     REMOTE_ADDR="10.0.0.9")
    assert ok.status_code == 302


def test_common_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password1234")


def test_a_front_end_login_is_held_until_the_code_is_given(client, groups, site_tree):
    """The 审定 screens and 党内 pages live outside /admin/: a password login on the
    member login page must not reach them without the second factor either."""
    editor = staff("editor")
    device, _ = enrol(client, editor)
    client.logout()
    login = client.post("/member/login/", {"username": "editor", "password": PASSWORD})
    assert login.status_code == 302
    held = client.get("/member/")
    assert held.status_code == 302
    assert held["Location"] == "/admin/twofactor/verify/?next=%2Fmember%2F"
    assert client.get("/").status_code == 302
    device.last_t = -1
    device.save()
    given = client.post("/admin/twofactor/verify/", {"code": code_for(device), "next": "/member/"})
    assert given["Location"] == "/member/"
    assert client.get("/member/").status_code == 200
    assert policy.PENDING not in client.session


@override_settings(PORTAL_OTP_REQUIRED=True)
def test_an_approver_without_an_authenticator_is_sent_to_enrolment_from_the_front_end(
        client, groups, site_tree):
    staff("approver", group=APPROVERS)
    assert client.post("/member/login/", {"username": "approver",
                                          "password": PASSWORD}).status_code == 302
    response = client.get("/member/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/twofactor/?next=")


def test_members_and_editors_without_a_factor_are_never_held(client, groups, site_tree):
    from tests.factories import member_of

    member_of(site_tree.branch1, username="member1")
    staff("editor")
    for name in ("member1", "editor"):
        client.post("/member/login/", {"username": name, "password": PASSWORD})
        assert policy.PENDING not in client.session
        assert client.get("/member/").status_code == 200
        client.logout()
