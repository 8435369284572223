"""SQLite: give Wagtail's search tables back exactly as the library defines them.

Migrations 0002-0005 replaced Wagtail's FTS5 table (`<entry table>_fts`) with an
external-content one read through a view, added a title-only FTS5 table and a `kind`
column, and fed them with triggers of their own. Each of those depended on how the
library stores its index and could break silently on an upgrade. This drops them all and
creates the FTS5 table and its three triggers as Wagtail's own migration
(wagtailsearch 0006) writes them, filled from the entries. PostgreSQL keeps Wagtail's
tables as they are.
"""

from django.db import migrations


def _sqlite_fts5(schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return False
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def forwards(apps, schema_editor):
    if not _sqlite_fts5(schema_editor):
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    fts = f"{table}_fts"
    for event in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {event}_{table}_fts")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {event}_{table}_title_fts")
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}_title_fts")
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
    schema_editor.execute(f"DROP VIEW IF EXISTS {table}_fts_content")
    # As wagtailsearch 0006_customise_indexentry creates them.
    schema_editor.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(autocomplete, body, title)")
    schema_editor.execute(
        f"CREATE TRIGGER insert_{table}_fts AFTER INSERT ON {table} BEGIN INSERT INTO "
        f"{fts}(title, body, autocomplete, rowid) VALUES (NEW.title, NEW.body, NEW.autocomplete, "
        "NEW.id); END")
    schema_editor.execute(
        f"CREATE TRIGGER update_{table}_fts AFTER UPDATE ON {table} BEGIN UPDATE {fts} SET "
        "title=NEW.title, body=NEW.body, autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END")
    schema_editor.execute(
        f"CREATE TRIGGER delete_{table}_fts AFTER DELETE ON {table} BEGIN DELETE FROM {fts} "
        "WHERE rowid=OLD.id; END")
    schema_editor.execute(
        f"INSERT INTO {fts}(rowid, autocomplete, body, title) "  # noqa: S608
        f"SELECT id, autocomplete, body, title FROM {table}")


def backwards(apps, schema_editor):
    # The tables of 0005, built again from the entries.
    from importlib import import_module

    import_module("search.migrations.0005_fts_kind").forwards(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0006_pending_index_write")]
    operations = [migrations.RunPython(forwards, backwards)]
