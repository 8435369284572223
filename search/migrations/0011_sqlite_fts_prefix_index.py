"""SQLite: the project's own FTS5 table over Wagtail's search entries, with a
one-character prefix index and the entry's content type as a column (ChineseFTSEntry).

External content (`content=` Wagtail's entries table), so no text is stored twice; three
triggers keep it in step with the entries, as FTS5's documentation writes them for an
external-content table. Wagtail's own FTS5 table and triggers are left as the library
defines them. PostgreSQL: nothing (the model is unmanaged).
"""

from django.db import migrations, models

FTS = "portal_search_fts"


def _sqlite_fts5(schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def statements(entries):
    columns = "autocomplete, body, title, content_type_id"
    new = "NEW.id, NEW.autocomplete, NEW.body, NEW.title, NEW.content_type_id"
    old = "'delete', OLD.id, OLD.autocomplete, OLD.body, OLD.title, OLD.content_type_id"
    insert = f"INSERT INTO {FTS}(rowid, {columns}) VALUES ({new});"
    delete = f"INSERT INTO {FTS}({FTS}, rowid, {columns}) VALUES ({old});"
    return [
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({columns}, content='{entries}', "
        "content_rowid='id', prefix='1')",
        f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {entries} BEGIN {insert} END",
        f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {entries} BEGIN {delete} END",
        f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF {columns} ON {entries} "
        f"BEGIN {delete} {insert} END",
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ]


def forwards(apps, schema_editor):
    if _sqlite_fts5(schema_editor):
        entries = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        for sql in statements(entries):
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if _sqlite_fts5(schema_editor):
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS}_{event}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0010_public_query_counts_and_stop_words"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChineseFTSEntry",
            fields=[
                ("index_entry", models.OneToOneField(
                    db_column="rowid", on_delete=models.deletion.DO_NOTHING, primary_key=True,
                    related_name="+", serialize=False, to="wagtailsearch.indexentry")),
                ("autocomplete", models.TextField(null=True)),
                ("title", models.TextField()),
                ("body", models.TextField(null=True)),
                ("content_type_id", models.IntegerField()),
            ],
            options={"db_table": "portal_search_fts", "managed": False},
        ),
        migrations.RunPython(forwards, backwards),
    ]
