"""SQLite: a small FTS5 index of entry titles alone, for the title tier of the ranking.

A `{title} : q` filter on the main FTS5 table reads the phrase's positions in every
document's body to find the few titles (linear in the corpus: 2-7 ms at 17,000
documents). This external-content table indexes only the `title` column of the
entry table, so the title tier reads title doclists only (0.1-0.3 ms), with the
same rows. Its triggers keep it in step like the main table's (0002, 0003); the
entry table is the only writer, so each 'delete' runs once.
"""

from django.db import migrations


def _names(apps):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    return table, f"{table}_title_fts"


def _sqlite_fts5(schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def _drop(schema_editor, table, fts):
    for event in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {event}_{table}_title_fts")
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")


def forwards(apps, schema_editor):
    if not _sqlite_fts5(schema_editor):
        return
    table, fts = _names(apps)
    _drop(schema_editor, table, fts)
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5(title, content='{table}', content_rowid='id', "
        "prefix='1')")
    schema_editor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    new = f"INSERT INTO {fts}(rowid, title) VALUES (new.id, new.title);"
    old = (f"INSERT INTO {fts}({fts}, rowid, title) SELECT 'delete', old.id, old.title "
           f"WHERE EXISTS (SELECT 1 FROM {fts}_docsize WHERE id = old.id);")
    schema_editor.execute(
        f"CREATE TRIGGER insert_{table}_title_fts AFTER INSERT ON {table} BEGIN {new} END")
    schema_editor.execute(
        f"CREATE TRIGGER delete_{table}_title_fts AFTER DELETE ON {table} BEGIN {old} END")
    schema_editor.execute(
        f"CREATE TRIGGER update_{table}_title_fts AFTER UPDATE OF title ON {table} "
        f"BEGIN {old} {new} END")


def backwards(apps, schema_editor):
    if _sqlite_fts5(schema_editor):
        _drop(schema_editor, *_names(apps))


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_fts_delete_once")]
    operations = [migrations.RunPython(forwards, backwards)]
