from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_events_to_wagtail_log"),
    ]

    operations = [migrations.DeleteModel(name="AuditEvent")]
