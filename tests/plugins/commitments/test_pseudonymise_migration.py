"""Migration 0004 converts ledgers written before pseudonymisation: names and free texts
leave the chain, the hashes are recomputed, and a chain already broken stops it."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from plugins.commitments import history
from plugins.commitments.models import LedgerActor, LedgerEntry, LedgerText
from plugins.commitments.models.ledger import GENESIS, entry_digest

from .factories import published_pledge

migration = importlib.import_module(
    "plugins.commitments.migrations.0004_pseudonymise_existing_entries")


def historical_apps():
    loader = MigrationLoader(connection)
    return loader.project_state(("commitments", "0003_pseudonymous_ledger")).apps


def write_old_chain(pledge, actor, note):
    """Rewrite the 承诺书's chain as the code before 0003 wrote it: names and texts hashed."""
    LedgerText.objects.filter(entry__pledge=pledge).delete()
    LedgerActor.objects.all().delete()
    prev = GENESIS
    for entry in pledge.ledger_entries.order_by("seq"):
        payload = {k: v for k, v in entry.payload.items() if k != "sealed"}
        if entry.kind == LedgerEntry.APPROVAL:
            payload["note"] = note
        digest = entry_digest(prev, pledge.pk, entry.seq, entry.kind, entry.item_id, payload,
                              actor, entry.created_at)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE commitments_ledgerentry SET payload = %s, actor_key = %s, "
                "prev_hash = %s, hash = %s WHERE id = %s",
                [LedgerEntry._meta.get_field("payload").get_db_prep_value(payload, connection), actor, prev,
                 digest, entry.pk])
        prev = digest


def test_old_chains_are_converted_and_verify(site_tree, member1, period):
    pledge = published_pledge(site_tree.branch1, period, member=member1)
    member1.first_name = "王小明"
    member1.save()
    write_old_chain(pledge, "王小明（member1）", "同意，王小明承诺具体")

    migration.forwards(historical_apps(), None)

    entry = pledge.ledger_entries.get(seq=1)
    assert entry.actor_key.startswith("a-") and "note" not in entry.payload
    actor = LedgerActor.objects.get(key=entry.actor_key)
    assert actor.user_id == member1.pk and actor.name == "王小明（member1）"
    assert entry.text("note") == "同意，王小明承诺具体"
    assert history.verify_pledge(pledge) == []


def test_a_broken_old_chain_stops_the_migration_and_changes_nothing(site_tree, member1,
                                                                    period):
    pledge = published_pledge(site_tree.branch1, period, member=member1)
    write_old_chain(pledge, "测试审定人", "同意")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE commitments_ledgerentry SET actor_key = %s WHERE pledge_id = %s",
                       ["别人", pledge.pk])
    before = list(LedgerEntry.objects.values_list("pk", "hash", "actor_key"))

    with pytest.raises(RuntimeError, match="台账校验失败，迁移已中止"):
        migration.forwards(historical_apps(), None)

    assert list(LedgerEntry.objects.values_list("pk", "hash", "actor_key")) == before
    assert not LedgerActor.objects.exists() and not LedgerText.objects.exists()
