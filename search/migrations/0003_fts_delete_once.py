"""SQLite: remove an entry's tokens from the FTS5 index exactly once.

Wagtail's SQLiteFTSIndexEntry is a one-to-one child of IndexEntry, so deleting
entries through the ORM first deletes the FTS5 rows (which, on the external-content
table of 0002, removes their tokens) and then the entries, whose trigger sent FTS5 a
second 'delete' for tokens that were no longer there -- which FTS5 reports as
"database disk image is malformed". Raw deletes (a test database flush, the restore
command) reach the entries without the ORM and need the trigger.

The triggers now send 'delete' only while FTS5 still holds the row, which its
docsize shadow table records (one row per indexed document), so every path removes
the tokens once.
"""

from django.db import migrations


def _names(apps):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    return table, f"{table}_fts"


def _fts_ready(schema_editor, fts):
    if schema_editor.connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.utils import fts5_available

    with schema_editor.connection.cursor() as cursor:
        existing = schema_editor.connection.introspection.table_names(cursor)
    return fts5_available() and f"{fts}_docsize" in existing


def _create(schema_editor, table, fts, guarded):
    columns = "autocomplete, body, title"
    new = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, new.autocomplete, new.body, new.title);"
    old = (f"INSERT INTO {fts}({fts}, rowid, {columns}) "
           "SELECT 'delete', old.id, old.autocomplete, old.body, old.title")
    if guarded:
        old += f" WHERE EXISTS (SELECT 1 FROM {fts}_docsize WHERE id = old.id)"
    old += ";"
    for event in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {event}_{table}_fts")
    schema_editor.execute(
        f"CREATE TRIGGER insert_{table}_fts AFTER INSERT ON {table} BEGIN {new} END")
    schema_editor.execute(
        f"CREATE TRIGGER delete_{table}_fts AFTER DELETE ON {table} BEGIN {old} END")
    schema_editor.execute(
        f"CREATE TRIGGER update_{table}_fts AFTER UPDATE OF autocomplete, body, title "
        f"ON {table} BEGIN {old} {new} END")


def forwards(apps, schema_editor):
    table, fts = _names(apps)
    if _fts_ready(schema_editor, fts):
        _create(schema_editor, table, fts, guarded=True)


def backwards(apps, schema_editor):
    table, fts = _names(apps)
    if _fts_ready(schema_editor, fts):
        _create(schema_editor, table, fts, guarded=False)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_index_storage")]

    operations = [migrations.RunPython(forwards, backwards)]
