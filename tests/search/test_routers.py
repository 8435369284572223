"""The SQLite-only FTS5 model is left out where its table does not exist."""


def test_the_sqlite_only_table_is_left_out_of_dumps_on_other_databases(db):
    """dumpdata on PostgreSQL must not read a table that exists only on SQLite."""
    import io

    from django.core.management import call_command
    from django.db import connection, router

    from search.models import ChineseFTSEntry

    assert router.allow_migrate_model("default", ChineseFTSEntry) == (
        connection.vendor == "sqlite")
    call_command("dumpdata", "portal_search", stdout=io.StringIO())  # no error on either database
