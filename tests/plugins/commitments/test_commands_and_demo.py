"""Reminders (cron), the demo loader, search hooks and the admin screens."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from plugins.commitments.demo import load_demo
from plugins.commitments.models import LedgerEntry, Period, Pledge
from plugins.commitments.search import provider, search_pledges
from portal.scope import AnonymousScopeResolver, ScopeResolver

from .factories import make_secretary, overdue_item, published_pledge


def test_reminders_list_and_email_due_and_overdue_items(site_tree, member1, period):
    pledge = published_pledge(site_tree.branch1, period, member=member1, n=2)
    item = overdue_item(pledge)
    org = published_pledge(site_tree.branch2, period, n=1)  # no linked secretary: unreachable
    overdue_item(org)
    out = StringIO()
    call_command("commitment_reminders", "--days", "0", stdout=out)
    text = out.getvalue()
    assert item.content in text and "已逾期" in text
    assert "无法提醒" in text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member1.email]
    assert item.content in mail.outbox[0].body


def test_reminders_reach_linked_secretaries_and_dry_run_sends_nothing(site_tree, member2,
                                                                     period):
    make_secretary(site_tree.branch2, member2)
    org = published_pledge(site_tree.branch2, period, n=1)
    overdue_item(org)
    out = StringIO()
    call_command("commitment_reminders", "--dry-run", stdout=out)
    assert "将发送1封" in out.getvalue() and not mail.outbox
    call_command("commitment_reminders", stdout=StringIO())
    assert mail.outbox[0].to == [member2.email]


def test_no_reminders_when_nothing_is_due(site_tree, period):
    out = StringIO()
    call_command("commitment_reminders", stdout=out)
    assert "没有到期或逾期" in out.getvalue()


def test_demo_loader_creates_two_periods_and_is_idempotent(site_tree, member1, member2):
    created = load_demo(StringIO())
    assert created > 0
    assert Period.objects.count() == 2
    assert set(Pledge.objects.values_list("period__name", flat=True)) == {"2026年上半年",
                                                                        "2026年下半年"}
    assert Pledge.objects.filter(kind="member").count() == 4
    assert LedgerEntry.objects.filter(kind=LedgerEntry.COMMENT).exists()
    assert load_demo(StringIO()) == 0
    out = StringIO()
    call_command("verify_ledger", stdout=out)
    assert "校验通过" in out.getvalue()


def test_search_sees_only_what_the_user_may_see(site_tree, member1, member2, period):
    published_pledge(site_tree.branch1, period, member=member1, scope="organisation",
                     content="本支部的特别承诺")
    published_pledge(site_tree.branch2, period, content="公开的特别承诺")
    anonymous = AnonymousScopeResolver()
    assert search_pledges("特别承诺", anonymous).count() == 1
    assert search_pledges("特别承诺", ScopeResolver(member1)).count() == 2
    assert search_pledges("特别承诺", ScopeResolver(member2)).count() == 1
    assert provider().visible(anonymous).count() == 1
    pledge = search_pledges("公开的", anonymous).get()
    assert provider().url_of(pledge) == reverse("commitments:pledge", args=[pledge.pk])


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(admin)
    return client


def test_admin_viewsets(admin_client, site_tree, member1, period):
    pledge = published_pledge(site_tree.branch1, period, member=member1)
    for name in ("commitments_periods:index", "commitments_pledges:index",
                 "commitments_ledger:index"):
        assert admin_client.get(reverse(name)).status_code == 200, name
    assert admin_client.get(reverse("commitments_pledges:inspect", args=[pledge.pk])).status_code == 200
    # 承诺书 and history are read-only in the admin
    assert admin_client.get(reverse("commitments_pledges:edit", args=[pledge.pk])).status_code in (302, 403)
    entry = pledge.ledger_entries.first()
    assert admin_client.get(reverse("commitments_ledger:delete", args=[entry.pk])).status_code in (302, 403)
    response = admin_client.post(reverse("commitments_periods:add"), {
        "name": "坏的承诺期", "year": 2030, "half": 1, "start_date": "2030-06-30",
        "end_date": "2030-01-01", "publish_start": "2030-01-01", "publish_end": "2030-01-31",
        "report_due": "2030-07-15"})
    assert "结束日期应晚于开始日期" in response.content.decode()
    assert not Period.objects.filter(name="坏的承诺期").exists()


def test_period_defaults_follow_the_seed():
    period = Period.for_half(2026, 2)
    assert period.name == "2026年下半年"
    assert period.report_due.isoformat() == "2027-01-15"
    assert Period.for_half(2026, 1).report_due.isoformat() == "2026-07-15"
    assert period.contains(timezone.datetime(2026, 9, 1).date())
