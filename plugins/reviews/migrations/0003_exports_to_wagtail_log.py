"""Move every ExportLog row into the audit trail, Wagtail's log, as a "reviews.export"
entry on its campaign, keeping every field: exporter → user (and `username` in data),
time → timestamp, campaign → the entry's object, kind and detail → data (`kind`,
`detail`), the former row's id → data `export_log_id`.

Until now each row was also mirrored into the portal's audit trail as a "portal.export"
entry (with the exporter's address); that entry, found by exporter, text and time, becomes
the "reviews.export" entry, so an export is recorded once and its address is kept.
Reversible.
"""

import datetime

from django.db import migrations

KINDS = {"xlsx": "统计表（XLSX）", "codes": "评议码打印单"}
MIRROR_WINDOW = datetime.timedelta(seconds=10)


def forwards(apps, schema_editor):
    ExportLog = apps.get_model("reviews", "ExportLog")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    campaign_type, _ = ContentType.objects.get_or_create(app_label="reviews", model="campaign")
    used = set()
    for row in ExportLog.objects.select_related("campaign", "user").order_by("pk"):
        detail = f"{KINDS.get(row.kind, row.kind)}；{row.detail}"
        label = f"群众评议：{row.campaign.title}（{row.campaign.period}）"
        mirror = (ModelLogEntry.objects
                  .filter(action="portal.export", user_id=row.user_id, label=label,
                          timestamp__gte=row.created_at - MIRROR_WINDOW,
                          timestamp__lte=row.created_at + MIRROR_WINDOW)
                  .exclude(pk__in=used).order_by("timestamp").first())
        if mirror is not None and (mirror.data or {}).get("detail") != detail:
            mirror = None
        entry = mirror or ModelLogEntry(
            label=label, data={"username": row.user.username if row.user else "",
                               "detail": detail})
        entry.action = "reviews.export"
        entry.content_type = campaign_type
        entry.object_id = str(row.campaign_id)
        entry.timestamp = row.created_at
        entry.user_id = row.user_id
        entry.data = {**(entry.data or {}), "kind": row.kind, "export_log_id": row.pk}
        entry.save()
        used.add(entry.pk)


def backwards(apps, schema_editor):
    ExportLog = apps.get_model("reviews", "ExportLog")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for entry in ModelLogEntry.objects.filter(action="reviews.export").order_by("pk"):
        data = entry.data or {}
        text = data.get("detail") or ""
        ExportLog.objects.create(
            user_id=entry.user_id, campaign_id=int(entry.object_id),
            kind=data.get("kind") or "xlsx", detail=text.partition("；")[2][:200],
            created_at=entry.timestamp)
        if data.get("ip") or data.get("audit_event_id"):
            # It was the mirror of the export in the portal's trail: it stays there.
            entry.action = "portal.export"
            entry.content_type = None
            entry.object_id = "-"
            entry.save()
        else:
            entry.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0002_submission_path"),
        ("audit", "0002_events_to_wagtail_log"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
