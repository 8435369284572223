"""How the database index is stored, for speed and size at 100,000 documents.

SQLite: Wagtail's FTS5 table keeps its own copy of every entry's token text
next to the copy in the entry table. It becomes an external-content FTS5
table over the entry table (the token text is stored once; FTS5 keeps only
its index), with a one-character prefix index so a 1-character query reads
one prefix doclist instead of merging the doclists of every bigram that
starts with that character. The triggers that keep it in step pass the old
values to FTS5's 'delete' command, as external-content tables require, and
fire only when a text column changes.

PostgreSQL: `body` now holds the title tokens (weight A) followed by the body
tokens, so a search matches one stored column through Wagtail's GIN index on
`body`, instead of concatenating two tsvectors for every candidate row (which
costs more than the match). The expression index on `title || body` of 0001
is dropped: one large GIN index fewer to update per document. Existing entries
are combined here; reversing leaves them combined (run update_index).
"""

from django.db import migrations

FTS_COLUMNS = "autocomplete, body, title"


def _names(apps):
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    return table, f"{table}_fts"


def _drop_triggers(schema_editor, table):
    for event in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {event}_{table}_fts")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        table, _fts = _names(apps)
        schema_editor.execute(f"UPDATE {table} SET body = title || body")
        schema_editor.execute("DROP INDEX IF EXISTS portal_search_entry_title_body_gin")
        return
    if vendor != "sqlite":
        return
    from modelsearch.backends.database.sqlite.utils import fts5_available

    if not fts5_available():
        return
    table, fts = _names(apps)
    _drop_triggers(schema_editor, table)
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({FTS_COLUMNS}, content='{table}', "
        "content_rowid='id', prefix='1')")
    schema_editor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    new = f"INSERT INTO {fts}(rowid, {FTS_COLUMNS}) VALUES (new.id, new.autocomplete, new.body, new.title);"
    old = (f"INSERT INTO {fts}({fts}, rowid, {FTS_COLUMNS}) "
           "VALUES ('delete', old.id, old.autocomplete, old.body, old.title);")
    schema_editor.execute(
        f"CREATE TRIGGER insert_{table}_fts AFTER INSERT ON {table} BEGIN {new} END")
    schema_editor.execute(
        f"CREATE TRIGGER delete_{table}_fts AFTER DELETE ON {table} BEGIN {old} END")
    schema_editor.execute(
        f"CREATE TRIGGER update_{table}_fts AFTER UPDATE OF autocomplete, body, title "
        f"ON {table} BEGIN {old} {new} END")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        table, _fts = _names(apps)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS portal_search_entry_title_body_gin ON {table} "
            "USING GIN ((title || body))")
        return
    if vendor != "sqlite":
        return
    from modelsearch.backends.database.sqlite.utils import fts5_available

    if not fts5_available():
        return
    table, fts = _names(apps)
    _drop_triggers(schema_editor, table)
    schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
    schema_editor.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({FTS_COLUMNS})")
    schema_editor.execute(
        f"INSERT INTO {fts}(rowid, {FTS_COLUMNS}) SELECT id, {FTS_COLUMNS} FROM {table}")
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


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_postgres_title_body_index")]

    operations = [migrations.RunPython(forwards, backwards)]
