"""The 审计日志 admin report (filters, export that is itself audited) and the retention rule."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from audit import constants as c
from audit.models import AuditEvent
from tests.factories import UserFactory

REPORT = "/admin/reports/audit/"


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


def make(action, username, days_ago=0, **fields):
    event = AuditEvent.objects.create(action=action, username=username, **fields)
    AuditEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago))
    return event


def test_report_lists_and_filters(admin_client):
    make(c.EXPORT, "alice", target="统计表-甲")
    make(c.LOGIN_FAILED, "", target="mallory", days_ago=40)
    body = admin_client.get(REPORT).content.decode()
    assert "统计表-甲" in body and "mallory" in body
    body = admin_client.get(REPORT, {"action": c.EXPORT}).content.decode()
    assert "统计表-甲" in body and "mallory" not in body
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    body = admin_client.get(REPORT, {"created_at_from": since}).content.decode()
    assert "统计表-甲" in body and "mallory" not in body
    body = admin_client.get(REPORT, {"username": "ali"}).content.decode()
    assert "统计表-甲" in body and "mallory" not in body


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
    logged = AuditEvent.objects.filter(action=c.EXPORT, target="审计日志").get()
    assert logged.username == "boss" and fmt in logged.detail


def test_report_is_refused_without_permission(client, db):
    client.force_login(UserFactory(username="editor-only", is_staff=True))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "审计日志" not in response.content.decode() or response.status_code == 302


def test_purge_keeps_at_least_six_months(db):
    kept = make(c.LOGIN, "recent", days_ago=182)
    old = make(c.LOGIN, "ancient", days_ago=400)
    with pytest.raises(CommandError, match="183"):
        call_command("purge_audit", days=30)
    call_command("purge_audit", days=183, stdout=io.StringIO())
    remaining = set(AuditEvent.objects.values_list("pk", flat=True))
    assert kept.pk in remaining and old.pk not in remaining
    assert AuditEvent.objects.filter(action=c.PURGE).exists()


def test_retention_setting_cannot_go_below_six_months():
    from django.conf import settings

    assert settings.AUDIT_RETENTION_DAYS >= c.MIN_RETENTION_DAYS
