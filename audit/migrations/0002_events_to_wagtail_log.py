"""Move every AuditEvent into Wagtail's log (ModelLogEntry), keeping every field.

actor → user (and `username` in data, the name at the time), time → timestamp,
action → "portal.<action>", target → label, detail, IP address and browser → data;
the former row's id is kept in data as `audit_event_id`. The entries concern no one
object (content type empty), as the events named their object only as text. Reversible.
"""

from django.db import migrations

BATCH = 1000


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    batch = []
    for event in AuditEvent.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(ModelLogEntry(
            content_type=None, object_id="-", label=event.target or "—",
            action=f"portal.{event.action}", timestamp=event.created_at,
            user_id=event.user_id,
            data={"username": event.username, "detail": event.detail,
                  "ip": event.ip_address, "user_agent": event.user_agent,
                  "audit_event_id": event.pk},
        ))
        if len(batch) >= BATCH:
            ModelLogEntry.objects.bulk_create(batch)
            batch = []
    ModelLogEntry.objects.bulk_create(batch)


def backwards(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    moved = ModelLogEntry.objects.filter(action__startswith="portal.")
    AuditEvent.objects.bulk_create([
        AuditEvent(created_at=e.timestamp, user_id=e.user_id,
                   username=(e.data or {}).get("username") or "",
                   action=e.action.removeprefix("portal."), target=e.label[:255],
                   detail=(e.data or {}).get("detail") or "",
                   ip_address=(e.data or {}).get("ip"),
                   user_agent=(e.data or {}).get("user_agent") or "")
        for e in moved.iterator(chunk_size=BATCH)], batch_size=BATCH)
    moved.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
