"""The former AuditEvent and ExportLog rows move into Wagtail's log without loss, and back."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory

BEFORE = [("audit", "0001_initial"), ("reviews", "0002_submission_path")]

pytestmark = pytest.mark.requires_plugin("reviews")


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaves():
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] in ("audit", "reviews")]


@pytest.mark.django_db(transaction=True)
def test_events_and_export_logs_move_into_wagtails_log(site_tree):
    from tests.plugins.reviews.conftest import make_campaign

    boss = UserFactory(username="boss")
    campaign = make_campaign(site_tree, slug="migrated")
    old = migrate(BEFORE)
    AuditEvent = old.get_model("audit", "AuditEvent")
    ExportLog = old.get_model("reviews", "ExportLog")
    when = timezone.now() - dt.timedelta(days=3)
    login = AuditEvent.objects.create(
        created_at=when, user_id=boss.pk, username="boss", action="login", target="boss",
        detail="", ip_address="203.0.113.1", user_agent="Firefox")
    failed = AuditEvent.objects.create(
        created_at=when, username="", action="login_failed", target="=cmd|x",
        detail="用户名或密码错误", ip_address="198.51.100.2", user_agent="")
    # an export and its mirror in the portal's trail, as the old receiver wrote them
    export = ExportLog.objects.create(user_id=boss.pk, campaign_id=campaign.pk, kind="xlsx",
                                      detail="已结束，参评2人", created_at=when)
    mirror = AuditEvent.objects.create(
        created_at=when + dt.timedelta(milliseconds=5), user_id=boss.pk, username="boss",
        action="export", target=f"群众评议：{campaign.title}（{campaign.period}）",
        detail="统计表（XLSX）；已结束，参评2人", ip_address="192.0.2.8", user_agent="Edge")
    lone = ExportLog.objects.create(user_id=None, campaign_id=campaign.pk, kind="codes",
                                    detail="第1批", created_at=when - dt.timedelta(days=1))

    migrate(leaves())

    entries = {e.data.get("audit_event_id") or f"log{e.data['export_log_id']}": e
               for e in ModelLogEntry.objects.all()}
    assert len(entries) == 4  # the mirror and its ExportLog row are one entry
    e = entries[login.pk]
    assert (e.action, e.user_id, e.label, e.timestamp) == ("portal.login", boss.pk, "boss", when)
    assert e.data == {"username": "boss", "detail": "", "ip": "203.0.113.1",
                      "user_agent": "Firefox", "audit_event_id": login.pk}
    e = entries[failed.pk]
    assert e.action == "portal.login_failed" and e.label == "=cmd|x" and e.user_id is None
    assert e.data["ip"] == "198.51.100.2" and e.data["detail"] == "用户名或密码错误"
    e = entries[mirror.pk]
    assert e.action == "reviews.export" and e.object_id == str(campaign.pk)
    assert e.content_type.model_class() is type(campaign) and e.user_id == boss.pk
    assert e.data["ip"] == "192.0.2.8" and e.data["kind"] == "xlsx"
    assert e.data["export_log_id"] == export.pk and e.timestamp == when
    e = entries[f"log{lone.pk}"]
    assert e.action == "reviews.export" and e.data["detail"] == "评议码打印单；第1批"
    assert e.timestamp == when - dt.timedelta(days=1) and e.user_id is None

    # Reversible: back to the old tables, with the same rows.
    old = migrate(BEFORE)
    events = old.get_model("audit", "AuditEvent").objects.all()
    assert sorted((x.action, x.target, x.ip_address) for x in events) == sorted([
        ("login", "boss", "203.0.113.1"),
        ("login_failed", "=cmd|x", "198.51.100.2"),
        ("export", f"群众评议：{campaign.title}（{campaign.period}）", "192.0.2.8")])
    logs = old.get_model("reviews", "ExportLog").objects.order_by("created_at")
    assert [(x.kind, x.detail, x.user_id) for x in logs] == [
        ("codes", "第1批", None), ("xlsx", "已结束，参评2人", boss.pk)]
    migrate(leaves())
