"""The append-only ledger, sealed in the keyed chain, and `verify_ledger`."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from integrity.append_only import AppendOnlyError
from integrity.chain import verify_source
from plugins.commitments import history, sealing, tracking
from plugins.commitments.choices import DONE, IN_PROGRESS
from plugins.commitments.models import CommitmentItem, LedgerEntry

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


def test_ledger_is_sealed_and_verifies(pledge):
    from integrity.chain import links

    entries = list(pledge.ledger_entries.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3]
    assert len(links(sealing.SOURCE, pledge.pk)) >= 3  # sealed after every entry
    assert not {"prev_hash", "hash"} & {f.name for f in LedgerEntry._meta.get_fields()}
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
    assert "“台账#2”与最后一次封存时不一致" in out


def test_deleted_entry_is_reported(pledge):
    entry = pledge.ledger_entries.get(seq=2)
    raw("DELETE FROM commitments_ledgerentry WHERE id = %s", [entry.pk])
    ok, out = run_verify()
    assert not ok
    assert "“台账#2”已被删除" in out and "台账记录数" in out


def test_truncated_tail_is_reported(pledge):
    entry = pledge.ledger_entries.get(seq=3)
    raw("DELETE FROM commitments_ledgerentry WHERE id = %s", [entry.pk])
    ok, out = run_verify()
    assert not ok and "“台账#3”已被删除" in out


def test_status_changed_behind_the_ledgers_back_is_reported(pledge):
    item = pledge.items.order_by("position").first()
    CommitmentItem.objects.filter(pk=item.pk).update(status=IN_PROGRESS)
    ok, out = run_verify()
    assert not ok and f"“事项#{item.pk}.状态”与最后一次封存时不一致" in out


def test_content_changed_after_approval_is_reported(pledge):
    item = pledge.items.order_by("position").last()
    CommitmentItem.objects.filter(pk=item.pk).update(content="悄悄改过的承诺")
    ok, out = run_verify()
    assert not ok and f"“事项#{item.pk}.承诺事项”与最后一次封存时不一致" in out


def test_free_text_is_kept_beside_the_entry_and_checked(site_tree, member1, period):
    """审定意见 (and 自评, 点评) live in LedgerText, sealed with the entry: a text changed
    behind the application's back, or gone, is reported; an erasure sealed anew is not."""
    from plugins.commitments.models import LedgerText

    pledge = published_pledge(site_tree.branch1, period, member=member1)
    history.append(pledge, LedgerEntry.APPROVAL, {"revision": 2, "note": "同意公开"})
    entry = pledge.ledger_entries.get(seq=2)
    assert "note" not in entry.payload and "sealed" not in entry.payload
    assert entry.text("note") == "同意公开"
    assert verify_source(sealing.SOURCE) == []

    text = LedgerText.objects.get(entry=entry, field="note")
    raw("UPDATE commitments_ledgertext SET text = %s WHERE id = %s", ["不同意", text.pk])
    assert any("台账#2.文字.note" in p for p in verify_source(sealing.SOURCE))

    LedgerText.objects.filter(pk=text.pk).update(text="", erased=True)
    sealing.seal(pledge, "个人信息删除")  # what an erasure on request does
    assert verify_source(sealing.SOURCE) == []
    assert pledge.ledger_entries.get(seq=2).text("note") == "（应本人要求已删除）"

    LedgerText.objects.filter(pk=text.pk).delete()
    assert any("“台账#2.文字.note”已被删除" in p for p in verify_source(sealing.SOURCE))
