"""SQLite: Wagtail's FTS5 table, exactly as the library defines it, and the project's own
FTS5 table over the same entries (search.models.ChineseFTSEntry, migration
0011_sqlite_fts_prefix_index) stay consistent whichever way entries go."""

import pytest
from django.db import connection
from wagtail.search.models import IndexEntry

from search.models import ChineseFTSEntry

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 storage only")

FTS = f"{IndexEntry._meta.db_table}_fts"
OURS = ChineseFTSEntry._meta.db_table


def integrity_check():
    with connection.cursor() as cursor:  # FTS5 raises if its index and the content differ
        for table in (FTS, OURS):
            cursor.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")


def hits(match, table=OURS):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH %s", [match])
        return cursor.fetchone()[0]


def test_orm_and_raw_deletes_remove_tokens_once(site_tree):
    ids = list(IndexEntry.objects.order_by("pk").values_list("pk", flat=True))
    assert len(ids) >= 3
    integrity_check()
    IndexEntry.objects.filter(pk__in=ids[:2]).delete()  # cascades to the FTS5 rows first
    integrity_check()
    with connection.cursor() as cursor:  # as a flush or the restore command does
        cursor.execute(f"DELETE FROM {IndexEntry._meta.db_table} WHERE id = %s", [ids[2]])
    integrity_check()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS}")
        cursor.execute(f"DELETE FROM {IndexEntry._meta.db_table}")
    integrity_check()


def test_reindexing_a_page_keeps_the_index_consistent(site_tree):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    backend.add(site_tree.public_notice)
    site_tree.public_notice.title = "关于试行三会一课观察员制度的补充通知"
    backend.add(site_tree.public_notice)
    integrity_check()


def test_the_library_defines_the_tables(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name, sql FROM sqlite_master WHERE sql LIKE %s",
                       [f"%{FTS}%"])
        found = {name: sql for _type, name, sql in cursor.fetchall()}
    table = IndexEntry._meta.db_table
    assert found[FTS] == f"CREATE VIRTUAL TABLE {FTS} USING fts5(autocomplete, body, title)"
    assert set(found) - {FTS} <= {f"{FTS}_{shadow}" for shadow in
                                  ("data", "idx", "content", "docsize", "config")} | {
        f"{event}_{table}_fts" for event in ("insert", "update", "delete")}


def test_the_title_tier_follows_titles(site_tree, client):
    from wagtail.search.backends import get_search_backend

    def title_hits(token):
        return hits(f'{{title}} : "{token}"')

    before = title_hits("补充")
    notice = site_tree.public_notice
    notice.title = "关于试行三会一课观察员制度的补充通知"
    get_search_backend().add(notice)
    assert title_hits("补充") == before + 1
    data = client.get("/api/search/", {"q": "补充通知"}).json()
    assert [r["url"] for r in data["results"]][:1] == [notice.url]  # a title match first
    IndexEntry.objects.filter(object_id=str(notice.pk)).delete()
    assert title_hits("补充") == before
    integrity_check()


def test_the_project_owns_its_table_and_triggers(db):
    """Our table and its three triggers are there as migration 0011 makes them. Should a
    Wagtail upgrade rebuild the entries table (and so drop triggers on it), this fails."""
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name LIKE %s",
                       [f"{OURS}%"])
        found = {name: (kind, on, sql) for kind, name, on, sql in cursor.fetchall()}
    assert "prefix='1'" in found[OURS][2] and f"content='{table}'" in found[OURS][2]
    assert {name: on for name, (kind, on, _sql) in found.items() if kind == "trigger"} == {
        f"{OURS}_{event}": table for event in ("insert", "update", "delete")}


def test_one_character_prefix_follows_the_entries(site_tree):
    """A one-character query is a prefix query; the prefix index answers it exactly as
    Wagtail's table (which has none) does, before and after an edit and a delete."""
    from wagtail.search.backends import get_search_backend

    def both(match):
        return hits(match), hits(match, FTS)

    notice = site_tree.public_notice
    before = both('{title} : "砥" *')
    notice.title = "关于砥砺前行的通知"
    get_search_backend().add(notice)
    after = both('{title} : "砥" *')
    assert after[0] == after[1] == before[0] + 1
    for char in "关通前":
        ours, wagtails = both(f'{{title body}} : "{char}" *')
        assert ours == wagtails > 0
    IndexEntry.objects.filter(object_id=str(notice.pk)).delete()
    assert both('{title} : "砥" *') == before
    integrity_check()

