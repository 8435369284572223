"""The records' own hash chain (RecordVersion.seq/prev_hash/hash, MeetingRecord.head_hash)
is retired: the core's keyed chain (integrity/) is the only one.

Safe order (docs/operations.md): every record must already have a keyed chain --
adopt_integrity_chains, on the release before this one, sealed it only after the old chain
verified. This migration stops, changing nothing, if one has none, or if a record's
versions or head no longer match its chain's last link; otherwise it appends to each chain
one link sealing the versions (now with their snapshots) without the retired columns,
then drops them.
"""

from django.db import migrations

from integrity import upgrade

SOURCE = "meetings"


def forwards(apps, schema_editor):
    MeetingRecord = apps.get_model("meetings", "MeetingRecord")
    RecordVersion = apps.get_model("meetings", "RecordVersion")
    upgrade.require_chains(apps, SOURCE, MeetingRecord.objects.values_list("pk", flat=True),
                           "条会议记录")

    def values(chain_id):
        old, new = {}, {}
        head = MeetingRecord.objects.filter(pk=chain_id).values_list("head_hash", flat=True)
        if head:
            old["记录.最新版本哈希"] = head[0]
        for row in RecordVersion.objects.filter(record_id=chain_id).values(
                "seq", "number", "reason", "author_name", "created_at", "hash", "snapshot"):
            kept = [row["reason"], row["author_name"], row["created_at"]]
            old[f"版本#{row['number']}"] = [row["seq"], *kept, row["hash"]]
            new[f"版本#{row['number']}"] = [*kept, row["snapshot"]]
        return old, new

    upgrade.reshape(apps, SOURCE,
                    lambda name: name == "记录.最新版本哈希" or name.startswith("版本#"),
                    values, "原有版本哈希链退役：版本内容改由本校验链单独封存")


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_retained_files_monthly_counts"),
        ("integrity", "0002_publication_public"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="recordversion",
            options={"ordering": ["record", "number"], "verbose_name": "记录版本",
                     "verbose_name_plural": "记录版本"}),
        migrations.RemoveField(model_name="meetingrecord", name="head_hash"),
        migrations.RemoveField(model_name="recordversion", name="hash"),
        migrations.RemoveField(model_name="recordversion", name="prev_hash"),
        migrations.RemoveField(model_name="recordversion", name="seq"),
    ]
