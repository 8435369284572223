"""SQLite's external-content FTS5 index stays consistent whichever way entries go."""

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
