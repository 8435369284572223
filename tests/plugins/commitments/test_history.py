"""The append-only, hash-chained history and `verify_ledger`."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from plugins.commitments import history, tracking
from plugins.commitments.choices import DONE, IN_PROGRESS
from plugins.commitments.models import CommitmentItem, LedgerEntry
from plugins.commitments.models.ledger import AppendOnlyError

from .factories import published_pledge


@pytest.fixture
def pledge(site_tree, member1, period):
    pledge = published_pledge(site_tree.branch1, period, member=member1)
    item = pledge.items.order_by("position").first()
    today = timezone.localdate()
    tracking.record_progress(member1, item, today, "开始", IN_PROGRESS, 30)
    tracking.record_progress(member1, item, today, "完成", DONE, 100)
    pledge.refresh_from_db()
    return pledge


def run_verify():
    from io import StringIO

    out = StringIO()
    try:
        call_command("verify_ledger", stdout=out)
    except CommandError as exc:
        return False, out.getvalue() + str(exc)
    return True, out.getvalue()


def test_chain_is_intact(pledge):
    entries = list(pledge.ledger_entries.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[1].prev_hash == entries[0].hash and entries[2].prev_hash == entries[1].hash
    assert pledge.ledger_length == 3
    ok, out = run_verify()
    assert ok and "校验通过" in out


def test_entries_cannot_be_changed_or_deleted_through_the_orm(pledge):
    entry = pledge.ledger_entries.first()
    entry.actor_key = "别人"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(pk=entry.pk).update(actor_key="别人")
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_rewritten_payload_is_reported(pledge):
    entry = pledge.ledger_entries.get(seq=2)
    raw("UPDATE commitments_ledgerentry SET payload = %s WHERE id = %s",
        ['{"from": "not_started", "to": "done", "progress": 100}', entry.pk])
    ok, out = run_verify()
    assert not ok
    assert "第2条记录的内容被改动" in out


def test_deleted_entry_breaks_the_chain(pledge):
    entry = pledge.ledger_entries.get(seq=2)
    raw("DELETE FROM commitments_ledgerentry WHERE id = %s", [entry.pk])
    ok, out = run_verify()
    assert not ok
    assert "第2条记录缺失" in out and "链接断开" in out and "应有3条记录" in out


def test_truncated_tail_is_reported(pledge):
    entry = pledge.ledger_entries.get(seq=3)
    raw("DELETE FROM commitments_ledgerentry WHERE id = %s", [entry.pk])
    ok, out = run_verify()
    assert not ok and "应有3条记录，实有2条" in out


def test_status_changed_behind_the_ledgers_back_is_reported(pledge):
    item = pledge.items.order_by("position").first()
    CommitmentItem.objects.filter(pk=item.pk).update(status=IN_PROGRESS)
    ok, out = run_verify()
    assert not ok and "与台账记录的" in out


def test_content_changed_after_approval_is_reported(pledge):
    item = pledge.items.order_by("position").last()
    CommitmentItem.objects.filter(pk=item.pk).update(content="悄悄改过的承诺")
    ok, out = run_verify()
    assert not ok and "与最近一次审定的内容不一致" in out


def test_verify_pledge_direct(pledge):
    assert history.verify_pledge(pledge) == []


def test_free_text_is_kept_beside_the_chain_and_checked(site_tree, member1, period):
    """The chain hashes a salted digest of 审定意见 (and 自评, 点评), not the text: a text
    changed behind its back, or gone without an erasure, is reported."""
    from plugins.commitments.models import LedgerText

    pledge = published_pledge(site_tree.branch1, period, member=member1)
    history.append(pledge, LedgerEntry.APPROVAL, {
        "revision": 2, "note": "同意公开", "digest": history.content_digest(pledge.items.current())})
    entry = pledge.ledger_entries.get(seq=2)
    assert "note" not in entry.payload and set(entry.payload["sealed"]) == {"note"}
    assert entry.text("note") == "同意公开"
    assert history.verify_pledge(pledge) == []

    text = LedgerText.objects.get(entry=entry, field="note")
    raw("UPDATE commitments_ledgertext SET text = %s WHERE id = %s", ["不同意", text.pk])
    assert any("第2条记录的文字被改动" in p for p in history.verify_pledge(pledge))

    LedgerText.objects.filter(pk=text.pk).update(text="", salt="", erased=True)
    assert history.verify_pledge(pledge) == []  # erased on request: allowed
    assert pledge.ledger_entries.get(seq=2).text("note") == "（应本人要求已删除）"

    LedgerText.objects.filter(pk=text.pk).delete()
    assert any("第2条记录的文字缺失" in p for p in history.verify_pledge(pledge))
