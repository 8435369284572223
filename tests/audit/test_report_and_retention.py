"""The 审计日志 admin report (Wagtail's site history with the portal's filters and a safe,
audited export) and the retention rule."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from audit import constants as c
from audit.spreadsheets import escape_cell
from tests.factories import UserFactory

from .helpers import events, make

REPORT = "/admin/reports/audit/"
LOGIN = "/member/login/"


@pytest.fixture
def boss(db):
    return UserFactory(username="boss", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, boss):
    client.force_login(boss)
    return client


def csv_rows(response):
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_report_lists_and_filters(admin_client):
    make(c.EXPORT, "alice", target="统计表-甲", ip="192.0.2.10")
    make(c.LOGIN_FAILED, "", target="mallory", days_ago=40, ip="198.51.100.1")
    body = admin_client.get(REPORT).content.decode()
    assert "统计表-甲" in body and "mallory" in body and "192.0.2.10" in body
    body = admin_client.get(REPORT, {"action": c.EXPORT}).content.decode()
    assert "统计表-甲" in body and "mallory" not in body
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    body = admin_client.get(REPORT, {"timestamp_from": since}).content.decode()
    assert "统计表-甲" in body and "mallory" not in body
    body = admin_client.get(REPORT, {"username": "ali"}).content.decode()
    assert "统计表-甲" in body and "mallory" not in body
    body = admin_client.get(REPORT, {"ip": "198.51."}).content.decode()
    assert "统计表-甲" not in body and "mallory" in body


def test_report_shows_wagtails_own_entries_too(admin_client, site_tree, boss):
    PageLogEntry.objects.log_action(site_tree.public_notice, "wagtail.edit", user=boss)
    body = admin_client.get(REPORT).content.decode()
    assert site_tree.public_notice.title in body
    # and replaces Wagtail's site-history entry in the 报告 menu: one trail, one report
    menu = admin_client.get("/admin/").content.decode()
    assert REPORT in menu and "/admin/reports/site-history/" not in menu


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_is_audited(admin_client, fmt):
    make(c.EXPORT, "alice", target="统计表-甲")
    response = admin_client.get(REPORT, {"export": fmt, "action": c.EXPORT})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        assert "统计表-甲" in content.decode("utf-8-sig")
    else:
        assert content[:2] == b"PK"
    [logged] = [e for e in events(c.EXPORT) if e.target == "审计日志"]
    assert logged.username == "boss" and fmt in logged.detail


def test_csv_export_is_safe_to_open_and_keeps_chinese(admin_client, site_tree):
    """A failed login whose username is a formula, and Chinese text: Excel/WPS-safe CSV."""
    from django.test import Client

    attack = '=HYPERLINK("http://x","y")'
    Client().post(LOGIN, {"username": attack, "password": "x"}, REMOTE_ADDR="192.0.2.66")
    assert [e.target for e in events(c.LOGIN_FAILED)] == [attack]
    make(c.EXPORT, "张三", target="+统计表", detail="-1+2 @SUM(A1) 群众评议")
    response = admin_client.get(REPORT, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw, rows = csv_rows(response)
    assert raw.startswith("\ufeff".encode())
    cells = [cell for row in rows for cell in row]
    assert "'" + attack in cells and attack not in cells
    assert "'+统计表" in cells and "'-1+2 @SUM(A1) 群众评议" in cells and "张三" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("党支部", "党支部"), ("a=b", "a=b"), ("", ""), (None, None), (3, 3),
])
def test_escape_cell(value, expected):
    assert escape_cell(value) == expected


def test_report_rows_follow_wagtails_permissions(client, site_tree):
    """Like Wagtail's site history: entries about the objects one may manage, no others."""
    make(c.BACKUP, "", target="系统备份")
    member = UserFactory(username="member-x")
    client.post(LOGIN, {"username": "member-x", "password": "wrong"})
    editor = UserFactory(username="editor-only", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    body = client.get(REPORT).content.decode()
    assert "系统备份" not in body and "member-x" not in body
    manager = UserFactory(username="user-manager", is_staff=True)
    manager.user_permissions.add(Permission.objects.get(codename="access_admin"),
                                 Permission.objects.get(codename="change_user"))
    client.force_login(manager)
    body = client.get(REPORT).content.decode()
    assert "member-x" in body and "系统备份" not in body
    assert member.pk


def test_report_is_refused_to_non_admin_users(client, db):
    client.force_login(UserFactory(username="member-only"))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)


def test_purge_keeps_at_least_six_months_and_keeps_item_history(db, site_tree):
    kept = make(c.LOGIN, "recent", days_ago=182)
    old = make(c.LOGIN, "ancient", days_ago=400)
    history = PageLogEntry.objects.log_action(site_tree.public_notice, "wagtail.edit")
    PageLogEntry.objects.filter(pk=history.pk).update(
        timestamp=timezone.now() - dt.timedelta(days=400))
    with pytest.raises(CommandError, match="183"):
        call_command("purge_audit", days=30)
    call_command("purge_audit", days=183, stdout=io.StringIO())
    remaining = set(ModelLogEntry.objects.values_list("pk", flat=True))
    assert kept.pk in remaining and old.pk not in remaining
    assert PageLogEntry.objects.filter(pk=history.pk).exists()  # a page's own history stays
    assert events(c.PURGE)


def test_retention_setting_cannot_go_below_six_months():
    from django.conf import settings

    assert settings.AUDIT_RETENTION_DAYS >= c.MIN_RETENTION_DAYS
