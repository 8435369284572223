"""SQLite: both FTS5 tables gain a `kind` column holding each entry's content type.

A search of one type (organisations, cases, 承诺书 ...) filtered its content type after
the match, so it walked the whole doclist of a word that another type holds many
times: 10,000 notices holding 党员 made every other type's count and title tier walk
10,000 entries to find its own few (3-5 ms each, per search). With `{kind} : ct36`
in the MATCH, FTS5 intersects the word's doclist with that type's short one, seeking
instead of walking.

The tables keep their external content (the token text stays stored once), now read
through a view that adds `kind` ('ct' followed by the content type id), since FTS5
reads the content of a row it deletes. No user query can match `kind`: every match
expression the backend writes names its columns (`{title body} : ...`).
"""

from django.db import migrations

MAIN_COLUMNS = "autocomplete, body, title"


def _names(apps):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    return table, f"{table}_fts", f"{table}_title_fts", f"{table}_fts_content"


def _sqlite_fts5(schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def _drop(schema_editor, table, fts, title_fts, view):
    for event in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {event}_{table}_fts")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {event}_{table}_title_fts")
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {title_fts}")
    schema_editor.execute(f"DROP VIEW IF EXISTS {view}")


def _triggers(schema_editor, table, fts, columns, suffix, watched):
    """Insert/delete/update triggers feeding `fts` (columns plus kind) from `table`;
    'delete' only while FTS5 still holds the row (see 0003)."""
    new_values = ", ".join(f"new.{c}" for c in columns)
    old_values = ", ".join(f"old.{c}" for c in columns)
    names = ", ".join(columns)
    new = (f"INSERT INTO {fts}(rowid, {names}, kind) "
           f"VALUES (new.id, {new_values}, 'ct' || new.content_type_id);")
    old = (f"INSERT INTO {fts}({fts}, rowid, {names}, kind) "
           f"SELECT 'delete', old.id, {old_values}, 'ct' || old.content_type_id "
           f"WHERE EXISTS (SELECT 1 FROM {fts}_docsize WHERE id = old.id);")
    schema_editor.execute(
        f"CREATE TRIGGER insert_{table}_{suffix} AFTER INSERT ON {table} BEGIN {new} END")
    schema_editor.execute(
        f"CREATE TRIGGER delete_{table}_{suffix} AFTER DELETE ON {table} BEGIN {old} END")
    schema_editor.execute(
        f"CREATE TRIGGER update_{table}_{suffix} AFTER UPDATE OF {watched} ON {table} "
        f"BEGIN {old} {new} END")


def forwards(apps, schema_editor):
    if not _sqlite_fts5(schema_editor):
        return
    table, fts, title_fts, view = _names(apps)
    _drop(schema_editor, table, fts, title_fts, view)
    schema_editor.execute(
        f"CREATE VIEW {view} AS SELECT id, {MAIN_COLUMNS}, "
        f"'ct' || content_type_id AS kind FROM {table}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({MAIN_COLUMNS}, kind, content='{view}', "
        "content_rowid='id', prefix='1')")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {title_fts} USING fts5(title, kind, content='{view}', "
        "content_rowid='id', prefix='1')")
    schema_editor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    schema_editor.execute(f"INSERT INTO {title_fts}({title_fts}) VALUES ('rebuild')")
    _triggers(schema_editor, table, fts, ("autocomplete", "body", "title"), "fts",
              "autocomplete, body, title, content_type_id")
    _triggers(schema_editor, table, title_fts, ("title",), "title_fts",
              "title, content_type_id")


def backwards(apps, schema_editor):
    if not _sqlite_fts5(schema_editor):
        return
    table, fts, title_fts, view = _names(apps)
    _drop(schema_editor, table, fts, title_fts, view)
    # The tables and triggers of 0002-0004, built again from the entries.
    from importlib import import_module

    previous = {name: import_module(f"search.migrations.{name}") for name in (
        "0002_index_storage", "0003_fts_delete_once", "0004_title_fts")}
    previous["0002_index_storage"].forwards(apps, schema_editor)
    previous["0003_fts_delete_once"].forwards(apps, schema_editor)
    previous["0004_title_fts"].forwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_title_fts")]
    operations = [migrations.RunPython(forwards, backwards)]
