"""The audit trail (Wagtail's log): logins, failures, lockouts, publication, workflow
decisions, role changes, and the address on every entry written during a request."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

import audit
from audit import constants as c
from tests.factories import NoticePageFactory, UserFactory
from tests.pages.test_workflow import act, people, submit  # noqa: F401 - fixture

from .helpers import events

LOGIN = "/member/login/"


def test_login_is_recorded_with_address(client, site_tree, member1):
    client.post(LOGIN, {"username": "member1", "password": "correct-horse-battery"},
                REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="pytest-browser")
    [event] = events(c.LOGIN)
    assert event.user == member1 and event.username == "member1"
    assert event.ip_address == "203.0.113.7" and event.user_agent == "pytest-browser"
    assert event.entry.object_id == str(member1.pk)  # the entry is about the account


def test_failed_login_names_the_account_but_never_the_password(client, site_tree, member1):
    client.post(LOGIN, {"username": "member1", "password": "s3cret-guess"},
                REMOTE_ADDR="198.51.100.4")
    [event] = events(c.LOGIN_FAILED)
    assert event.target == "member1" and event.user is None
    assert event.ip_address == "198.51.100.4"
    assert event.entry.object_id == str(member1.pk)  # shown in the account's history
    assert "s3cret-guess" not in event.detail + event.target + str(event.entry.data)


def test_failed_login_for_an_unknown_name_concerns_no_object(client, site_tree):
    client.post(LOGIN, {"username": "nobody-here", "password": "x"}, REMOTE_ADDR="198.51.100.5")
    [event] = events(c.LOGIN_FAILED)
    assert event.target == "nobody-here" and event.content_type is None


def test_admin_login_failure_is_recorded(client, db):
    client.post("/admin/login/", {"username": "boss", "password": "nope"})
    assert [e.target for e in events(c.LOGIN_FAILED)] == ["boss"]


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2)
def test_lockout_is_recorded_from_axes_signal(client, site_tree, member1):
    for _ in range(3):
        client.post(LOGIN, {"username": "member1", "password": "wrong"}, REMOTE_ADDR="192.0.2.3")
    locked = events(c.LOCKED_OUT)
    assert locked and locked[0].target == "member1" and locked[0].ip_address == "192.0.2.3"


def test_logout_is_recorded(client, site_tree, member1):
    client.force_login(member1)
    client.post("/member/logout/")
    assert [e.username for e in events(c.LOGOUT)] == ["member1"]


def page_log(page, action):
    from wagtail.models import PageLogEntry

    return list(PageLogEntry.objects.filter(page=page, action=action).order_by("pk"))


def test_workflow_decisions_and_publication_are_in_the_same_log(people, site_tree):  # noqa: F811
    """Wagtail records them itself, in the log the 审计日志 report reads."""
    draft = NoticePageFactory(parent=site_tree.notices, title="审计测试通知", live=False)
    state = submit(draft, people["editor"])
    act(state, people["reviewer"], action="reject", comment="请删除个人信息")
    [rejected] = page_log(draft, "wagtail.workflow.reject")
    assert rejected.user.username == "reviewer"
    other = NoticePageFactory(parent=site_tree.notices, title="审计测试通知二", live=False)
    state = submit(other, people["editor"])
    act(state, people["reviewer"], comment="未发现涉密信息")
    act(state, people["approver"], comment="同意公开")
    approvals = page_log(other, "wagtail.workflow.approve")
    assert [e.user.username for e in approvals] == ["reviewer", "approver"]
    assert "同意公开" in str(approvals[-1].data)
    assert page_log(other, "wagtail.publish")
    assert len(page_log(draft, "wagtail.workflow.start")) == 1


def test_wagtail_entries_written_during_a_request_carry_the_address(client, site_tree):
    from wagtail.models import PageLogEntry

    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = site_tree.public_notice
    response = client.post(f"/admin/pages/{page.pk}/unpublish/", REMOTE_ADDR="203.0.113.99")
    assert response.status_code == 302
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").get()
    assert entry.data["ip"] == "203.0.113.99" and entry.user == admin


def test_group_membership_changes_are_recorded_from_both_sides(db):
    user = UserFactory(username="clerk")
    editors = Group.objects.create(name="审计测试组")
    user.groups.add(editors)
    editors.user_set.remove(user)
    user.groups.add(editors)
    user.groups.clear()
    details = [e.detail for e in events(c.ROLE_CHANGE) if e.target == "clerk"]
    assert details == ["加入用户组：审计测试组", "移出用户组：审计测试组",
                       "加入用户组：审计测试组", "移出全部用户组：审计测试组"]


def test_superuser_and_staff_flags_are_recorded(db):
    user = UserFactory(username="promoted")
    from wagtail.models import ModelLogEntry

    ModelLogEntry.objects.all().delete()
    user.is_superuser = True
    user.is_staff = True
    user.save()
    [event] = events(c.ROLE_CHANGE)
    assert event.target == "promoted"
    assert "超级管理员：否→是" in event.detail and "后台访问：否→是" in event.detail
    user.first_name = "改名"
    user.save()
    assert len(events(c.ROLE_CHANGE)) == 1  # an unrelated change is not a role change


def test_plugin_api_records_who_and_where(rf, db):
    user = UserFactory(username="exporter")
    request = rf.get("/admin/", REMOTE_ADDR="192.0.2.9")
    request.user = user
    entry = audit.log(request, c.EXPORT, target="统计表", detail="XLSX")
    assert (entry.data["username"], entry.data["ip"], entry.label) == (
        "exporter", "192.0.2.9", "统计表")
    assert entry.user == user and entry.action == "portal.export" and entry.content_type is None


def test_a_failing_audit_write_does_not_break_the_caller(db, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    from wagtail.models import ModelLogEntry

    monkeypatch.setattr(ModelLogEntry.objects, "create", explode)
    assert audit.log(None, c.EXPORT, target="x") is None


@pytest.mark.parametrize("header", ["HTTP_X_REAL_IP"])
def test_proxy_header_is_used_when_configured(rf, db, settings, header):
    settings.AUDIT_IP_META_KEY = header
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", **{header: "203.0.113.50"})
    request.user = UserFactory(username="behind-proxy")
    assert audit.log(request, c.EXPORT).data["ip"] == "203.0.113.50"
