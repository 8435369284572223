"""The Chinese database backend behind Wagtail's search API (SQLite FTS5 or PostgreSQL).

Run on PostgreSQL with DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_dev.
"""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from pages.models import NoticePage
from search.analysis import analyse_query
from search.backends.database.postgres import tsvector_literal
from search.backends.database.tree import to_fts5, to_tsquery

pytestmark = pytest.mark.django_db


def titles(results):
    return [p.title for p in results]


def test_backend_matches_the_database(site_tree):
    name = type(get_search_backend()).__name__
    assert name == {"sqlite": "ChineseSQLiteSearchBackend",
                    "postgresql": "ChinesePostgresSearchBackend"}[connection.vendor]


@pytest.mark.parametrize("query", ["三会一课", "观察员", "观察员制度", "三会", "课", "观察员 三会一课"])
def test_chinese_words_find_the_notice(site_tree, query):
    results = get_search_backend().search(query, NoticePage.objects.live())
    assert titles(results) == ["关于试行三会一课观察员制度的通知"]
    assert results.count() == 1


def test_common_word_ranks_title_hits_and_counts(site_tree):
    results = get_search_backend().search("通知", NoticePage.objects.live())
    assert results.count() == 3
    assert set(titles(results[:2])) == {"关于试行三会一课观察员制度的通知", "关于党员组织关系排查的党内通知"}


def test_queryset_filters_apply_inside_the_query(site_tree):
    hidden = site_tree.party_notice.path
    queryset = NoticePage.objects.live().exclude(path__startswith=hidden)
    results = get_search_backend().search("通知", queryset)
    assert results.count() == 2
    assert "关于党员组织关系排查的党内通知" not in titles(results)


def test_admin_autocomplete_in_chinese(site_tree):
    assert "第一党支部支委会会议纪要" in titles(Page.objects.live().autocomplete("支委"))
    assert "关于试行三会一课观察员制度的通知" in titles(Page.objects.autocomplete("三会一"))


def test_update_and_delete_follow_the_page(site_tree):
    notice = site_tree.public_notice
    notice.title = "关于召开民主生活会的通知"
    notice.save_revision().publish()
    backend = get_search_backend()
    assert titles(backend.search("民主生活会", NoticePage.objects.all())) == ["关于召开民主生活会的通知"]
    assert not titles(backend.search("观察员", NoticePage.objects.all()))
    notice.delete()
    assert not titles(backend.search("民主生活会", NoticePage.objects.all()))


@pytest.mark.parametrize("query", ['"', "*", "-", "()", "AND", "OR NEAR", "title:三会", "三会一课*",
                                   "NOT 通知", "'; DROP TABLE x; --", "\\", "🙂"])
def test_operator_characters_never_error(site_tree, query):
    results = get_search_backend().search(query, NoticePage.objects.live())
    assert results.count() >= 0
    list(results)
    list(Page.objects.autocomplete(query))


def test_match_syntax_rendering():
    tree = analyse_query("三会一课 qq群")
    assert to_fts5(tree) == '(("三会一课" OR "三会 会一 一课") AND ("qq群" OR "qq 群" *))'
    tsquery = to_tsquery(tree)
    assert "'三会' <-> '会一' <-> '一课'" in tsquery and "'qq' <-> '群':*" in tsquery
    assert tsvector_literal("三会 会一 三会", "A") == "'三会':1A,3A '会一':2A"
    assert tsvector_literal("it's") == "'it''s':1"


def test_facets_are_exact(site_tree):
    results = get_search_backend().search("通知", NoticePage.objects.live())
    assert sum(results.facet("category").values()) == 3


def _publish_with_tags(parent, title, tags):
    from tests.factories import NoticePageFactory

    notice = NoticePageFactory.build(title=title, slug="tagged-notice", live=False)
    parent.add_child(instance=notice)
    notice.tags.set(tags)  # as the admin form does: in memory until the revision is published
    notice.save_revision().publish()
    return notice


def test_tags_are_searchable_as_soon_as_a_notice_is_published(site_tree):
    """Wagtail indexes from post_save, before the tags are written; pages/signals.py
    indexes again on page_published."""
    _publish_with_tags(site_tree.notices, "关于做好年终总结工作的通知", ["灯下黑专项整治"])
    results = get_search_backend().search("灯下黑专项整治", NoticePage.objects.live())
    assert titles(results) == ["关于做好年终总结工作的通知"]
    from search.backends.database.indexer import RawDocument

    entry_text = RawDocument(NoticePage.objects.get(slug="tagged-notice")).body_raw
    assert "灯下黑专项整治" in entry_text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_builds_the_vectors_tsvector_literal_describes():
    """Index vectors are built by PostgreSQL's `simple` configuration from our tokens;
    they must be exactly the literal of the same tokens (what queries are written for)."""
    from search.analysis import index_text

    samples = ["关于试行三会一课观察员制度的通知", "ＩＳＯ９０００认证，用好e支部和QQ群（2020年）",
               "ｶﾀｶﾅ かな 㐀㐁 𠀀𠀁 Ⅻ ½ 1e5 ǆ x2y3 ü ß", "党" * 20]
    with connection.cursor() as cursor:
        for text in samples:
            tokens = index_text(text)
            cursor.execute("SELECT to_tsvector('pg_catalog.simple'::regconfig, %s)::text, "
                           "%s::tsvector::text", [tokens, tsvector_literal(tokens)])
            built, literal = cursor.fetchone()
            assert built == literal, text


def test_counts_stop_at_the_cap_and_say_so(site_tree, monkeypatch):
    from search.backends.database import results as results_module

    monkeypatch.setattr(results_module, "COUNT_CAP", 2)
    results = get_search_backend().search("通知", NoticePage.objects.live())
    assert results.count() == 2 and results.count_capped
    assert len(list(results)) == 2  # iterating serves up to the cap
    hidden = site_tree.party_notice.path
    narrower = get_search_backend().search(
        "通知", NoticePage.objects.live().exclude(path__startswith=hidden))
    assert narrower.count() == 2 and not narrower.count_capped  # scope inside the count


def test_title_matches_rank_first_within_bounded_candidates(site_tree, monkeypatch):
    from search.backends.database import results as results_module

    monkeypatch.setattr(results_module, "RANK_BLOCK", 1)
    site_tree.public_notice.summary = "本通知涉及排查工作。"
    site_tree.public_notice.save_revision().publish()
    results = list(get_search_backend().search("排查", NoticePage.objects.live()))
    assert titles(results)[0] == "关于党员组织关系排查的党内通知"  # title match, older entry
    assert titles(results) == ["关于党员组织关系排查的党内通知", "关于试行三会一课观察员制度的通知"]


def test_a_query_with_variants_ranks_the_query_as_typed_first_and_reads_variants_only_if_needed():
    """rank_expanded: the query as typed ranked on its own (title tier first), then the
    matches found only through a variant, each below every exact match; the variant pass
    is not read at all when the exact matches fill the positions asked for."""
    from search.backends.database.results import rank_expanded

    exact_tree, reads = object(), []
    rows = {  # (tier, exact?) -> [(oid, score)] in index order (newest first)
        ("title", True): [(7, 1.0)], (None, True): [(9, 0.5), (7, 3.0)],
        ("title", False): [(8, 9.0), (7, 1.0)], (None, False): [(9, 0.5), (8, 2.0), (7, 3.0), (5, 4.0)],
    }

    def candidates(tier, limit, tree=None):
        reads.append((tier, tree is exact_tree))
        return rows[tier, tree is exact_tree][:limit]

    ranked = [oid for oid, _rank in rank_expanded(("title", "rest"), candidates, exact_tree, 10)]
    assert ranked == [7, 9, 8, 5]  # exact title, exact elsewhere, variant title, variant elsewhere
    reads.clear()
    assert [oid for oid, _ in rank_expanded(("title", "rest"), candidates, exact_tree, 2)] == [7, 9]
    assert reads == [("title", True), (None, True)]  # no variant pass
