"""The ledger's own hash chain (LedgerEntry.prev_hash/hash, LedgerText.salt and
Pledge.ledger_length) is retired: the core's keyed chain (integrity/) is the only one.

Safe order (docs/operations.md): every 承诺书 in the ledger must already have a keyed chain
-- adopt_integrity_chains, on the release before this one, sealed it only after the old
chain verified. This migration stops, changing nothing, if one has none, or if a chain's
ledger entries or texts no longer match its last link; otherwise it appends to each chain
one link sealing the entries and texts without the retired columns, then drops them.
"""

from django.db import migrations
from django.db.models import Q

from integrity import upgrade

SOURCE = "commitments"


def forwards(apps, schema_editor):
    Pledge = apps.get_model("commitments", "Pledge")
    LedgerEntry = apps.get_model("commitments", "LedgerEntry")
    LedgerText = apps.get_model("commitments", "LedgerText")
    in_ledger = Pledge.objects.filter(Q(published_revision__gt=0) | Q(ledger_length__gt=0))
    upgrade.require_chains(apps, SOURCE, in_ledger.values_list("pk", flat=True), "份承诺书")

    def values(chain_id):
        old, new = {}, {}
        for row in LedgerEntry.objects.filter(pledge_id=chain_id).values(
                "pk", "seq", "kind", "item_id", "payload", "actor_key", "created_at",
                "prev_hash", "hash"):
            kept = [row["pk"], row["kind"], row["item_id"], row["payload"], row["actor_key"],
                    row["created_at"]]
            old[f"台账#{row['seq']}"] = [*kept, row["prev_hash"], row["hash"]]
            new[f"台账#{row['seq']}"] = kept
        for row in LedgerText.objects.filter(entry__pledge_id=chain_id).values(
                "entry__seq", "field", "salt", "text", "erased"):
            name = f"台账#{row['entry__seq']}.文字.{row['field']}"
            old[name] = [row["text"], row["salt"], row["erased"]]
            new[name] = [row["text"], row["erased"]]
        return old, new

    upgrade.reshape(apps, SOURCE, lambda name: name.startswith("台账#"), values,
                    "原有台账哈希链退役：台账记录改由本校验链单独封存")


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0004_pseudonymise_existing_entries"),
        ("integrity", "0002_publication_public"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="ledgerentry", name="hash"),
        migrations.RemoveField(model_name="ledgerentry", name="prev_hash"),
        migrations.RemoveField(model_name="ledgertext", name="salt"),
        migrations.RemoveField(model_name="pledge", name="ledger_length"),
    ]
