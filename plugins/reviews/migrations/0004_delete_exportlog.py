from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reviews", "0003_exports_to_wagtail_log"),
    ]

    operations = [migrations.DeleteModel(name="ExportLog")]
