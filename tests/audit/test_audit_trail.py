"""The audit trail: logins, failures, lockouts, publication, workflow decisions, role changes."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings

import audit
from audit import constants as c
from audit.models import AuditEvent
from tests.factories import NoticePageFactory, UserFactory
from tests.pages.test_workflow import act, people, submit  # noqa: F401 - fixture

LOGIN = "/member/login/"


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_login_is_recorded_with_address(client, site_tree, member1):
    client.post(LOGIN, {"username": "member1", "password": "correct-horse-battery"},
                REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="pytest-browser")
    [event] = events(c.LOGIN)
    assert event.user == member1 and event.username == "member1"
    assert event.ip_address == "203.0.113.7" and event.user_agent == "pytest-browser"


def test_failed_login_names_the_account_but_never_the_password(client, site_tree, member1):
    client.post(LOGIN, {"username": "member1", "password": "s3cret-guess"},
                REMOTE_ADDR="198.51.100.4")
    [event] = events(c.LOGIN_FAILED)
    assert event.target == "member1" and event.user is None
    assert event.ip_address == "198.51.100.4"
    assert "s3cret-guess" not in event.detail + event.target


def test_admin_login_failure_is_recorded(client, db):
    client.post("/admin/login/", {"username": "boss", "password": "nope"})
    assert [e.target for e in events(c.LOGIN_FAILED)] == ["boss"]


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2)
def test_lockout_is_recorded(client, site_tree, member1):
    for _ in range(3):
        client.post(LOGIN, {"username": "member1", "password": "wrong"})
    assert events(c.LOCKED_OUT) and events(c.LOCKED_OUT)[0].target == "member1"


def test_logout_is_recorded(client, site_tree, member1):
    client.force_login(member1)
    client.post("/member/logout/")
    assert [e.username for e in events(c.LOGOUT)] == ["member1"]


def test_workflow_decisions_and_publication_are_recorded(people, site_tree):  # noqa: F811
    draft = NoticePageFactory(parent=site_tree.notices, title="审计测试通知", live=False)
    state = submit(draft, people["editor"])
    act(state, people["reviewer"], action="reject", comment="请删除个人信息")
    [rejected] = events(c.TASK_REJECT)
    assert rejected.username == "reviewer" and "请删除个人信息" in rejected.detail
    assert "审计测试通知" in rejected.target
    other = NoticePageFactory(parent=site_tree.notices, title="审计测试通知二", live=False)
    state = submit(other, people["editor"])
    act(state, people["reviewer"], comment="未发现涉密信息")
    act(state, people["approver"], comment="同意公开")
    assert [e.username for e in events(c.TASK_APPROVE)] == ["reviewer", "approver"]
    assert [e.username for e in events(c.WORKFLOW_APPROVE)] == ["approver"]
    assert any("审计测试通知二" in e.target for e in events(c.PUBLISH))
    assert len(events(c.WORKFLOW_SUBMIT)) == 2


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
    AuditEvent.objects.all().delete()
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
    event = audit.log(request, c.EXPORT, target="统计表", detail="XLSX")
    assert (event.username, event.ip_address, event.target) == ("exporter", "192.0.2.9", "统计表")


def test_a_failing_audit_write_does_not_break_the_caller(db, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AuditEvent.objects, "create", explode)
    assert audit.log(None, c.EXPORT, target="x") is None


@pytest.mark.parametrize("header", ["HTTP_X_REAL_IP"])
def test_proxy_header_is_used_when_configured(rf, db, settings, header):
    settings.AUDIT_IP_META_KEY = header
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", **{header: "203.0.113.50"})
    request.user = UserFactory(username="behind-proxy")
    assert audit.log(request, c.EXPORT).ip_address == "203.0.113.50"
