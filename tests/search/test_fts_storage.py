"""SQLite: Wagtail's FTS5 table, exactly as the library defines it, stays consistent
whichever way entries go (migration 0007 gave it back)."""

import pytest
from django.db import connection
from wagtail.search.models import IndexEntry

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 storage only")

FTS = f"{IndexEntry._meta.db_table}_fts"


def integrity_check():
    with connection.cursor() as cursor:  # FTS5 raises if its index and the content differ
        cursor.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('integrity-check', 1)")


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
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS} WHERE {FTS} MATCH %s",
                           [f'{{title}} : "{token}"'])
            return cursor.fetchone()[0]

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
