"""SQLite: a query with very many matches ranks its non-title matches newest first.

FTS5's bm25() reads every phrase's whole doclist before the first row, so above
many_matches_limit matches the body tier skips it (docs/search.md)."""

import pytest
from django.db import connection
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from pages.models import NoticePage
from tests.factories import NoticePageFactory

if connection.vendor != "sqlite":
    pytest.skip("SQLite FTS5 only", allow_module_level=True)

from search.backends.database.sqlite import ChineseSQLiteSearchQueryCompiler  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(site_tree):
    def notice(slug, title, body):
        NoticePageFactory(parent=site_tree.notices, slug=slug, title=title,
                          body=[("paragraph", RichText(f"<p>{body}</p>"))])
    notice("older", "关于年度工作安排的说明", "开展民主评议，评议结果公开，评议整改落实，评议台账归档。")
    notice("newer", "关于近期学习安排的说明", "支部将组织一次评议。")
    notice("titled", "关于开展民主评议党员的通知", "按要求组织开展。")
    return NoticePage.objects.filter(slug__in=["older", "newer", "titled"])


def _titles(queryset):
    results = get_search_backend().search("评议", queryset)
    return [page.title for page in results], results.count()


def test_few_matches_rank_by_bm25(notices):
    titles, count = _titles(notices)
    assert titles == ["关于开展民主评议党员的通知", "关于年度工作安排的说明", "关于近期学习安排的说明"]
    assert count == 3


def test_many_matches_rank_the_rest_newest_first(notices, monkeypatch):
    monkeypatch.setattr(ChineseSQLiteSearchQueryCompiler, "many_matches_limit", 2)
    titles, count = _titles(notices)
    assert titles == ["关于开展民主评议党员的通知", "关于近期学习安排的说明", "关于年度工作安排的说明"]
    assert count == 3  # still exact


def _api_titles(client):
    data = client.get("/api/search/", {"q": "评议", "type": "notice"}).json()
    return [r["title"] for r in data["results"]]


def test_the_public_search_follows_the_same_rule(notices, client, monkeypatch):
    from search.backends.database import results

    assert _api_titles(client)[:3] == [
        "关于开展民主评议党员的通知", "关于年度工作安排的说明", "关于近期学习安排的说明"]
    monkeypatch.setattr(ChineseSQLiteSearchQueryCompiler, "many_matches_limit", 2)
    assert _api_titles(client)[:3] == [
        "关于开展民主评议党员的通知", "关于近期学习安排的说明", "关于年度工作安排的说明"]
    # With the count capped as well.
    monkeypatch.setattr(results, "COUNT_CAP", 2)
    assert _api_titles(client)[:3] == [
        "关于开展民主评议党员的通知", "关于近期学习安排的说明", "关于年度工作安排的说明"]


def test_matches_of_every_type_count(notices, site_tree, monkeypatch):
    """bm25 reads a phrase's whole doclist, whatever the types searched: a type with few
    matches of its own skips scoring when the index holds many matches in all."""
    from pages.models import ExperienceCasePage
    from tests.factories import ExperienceCasePageFactory

    for slug, title, body in (("case-older", "经验一", "开展评议，评议整改，评议公开。"),
                              ("case-newer", "经验二", "组织评议。")):
        ExperienceCasePageFactory(parent=site_tree.cases, slug=slug, title=title,
                                  body=[("paragraph", RichText(f"<p>{body}</p>"))])
    cases = ExperienceCasePage.objects.filter(slug__in=["case-older", "case-newer"])
    ranked = [page.title for page in get_search_backend().search("评议", cases)]
    assert ranked == ["经验一", "经验二"]  # by bm25: three occurrences against one
    # Five matches in the index, two of them cases: past a limit of 3, newest first.
    monkeypatch.setattr(ChineseSQLiteSearchQueryCompiler, "many_matches_limit", 3)
    ranked = [page.title for page in get_search_backend().search("评议", cases)]
    assert ranked == ["经验二", "经验一"]


def _matches_run(queryset, query):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        results = get_search_backend().search(query, queryset)
        titles = [page.title for page in results]
        results.count()
    return titles, [q["sql"] for q in captured.captured_queries if " MATCH " in q["sql"]]


def test_a_type_matches_only_its_own_entries(notices, site_tree):
    """The MATCH names the type (migration 0005's `kind`), so a word that another type
    holds thousands of times is not walked entry by entry to find this type's few."""
    from django.contrib.contenttypes.models import ContentType

    from pages.models import ExperienceCasePage
    from tests.factories import ExperienceCasePageFactory

    ExperienceCasePageFactory(parent=site_tree.cases, slug="case-one", title="经验",
                              body=[("paragraph", RichText("<p>组织评议。</p>"))])
    from search.backends.database import sqlite

    sqlite._kind_counts.clear()  # the type's share of the index, as it is now
    cases = ExperienceCasePage.objects.filter(slug="case-one")
    titles, statements = _matches_run(cases, "评议")
    assert titles == ["经验"]
    kind = f"ct{ContentType.objects.get_for_model(ExperienceCasePage).pk}"
    typed = [sql for sql in statements if "content_type_id" in sql]
    assert typed and all(f"{{kind}} : ({kind})" in sql for sql in typed)
    # The one untyped MATCH is the index-wide count that decides whether bm25 is used.
    assert len(statements) - len(typed) <= 1


def test_the_type_does_not_score(site_tree):
    """Same title, two types: the same bm25 (a scored `kind` would lift the rarer type)."""
    from pages.models import ExperienceCasePage
    from tests.factories import ExperienceCasePageFactory

    NoticePageFactory(parent=site_tree.notices, slug="same-notice", title="评议工作")
    for i in range(3):  # notices are the commoner type
        NoticePageFactory(parent=site_tree.notices, slug=f"other-{i}", title=f"通知{i}")
    ExperienceCasePageFactory(parent=site_tree.cases, slug="same-case", title="评议工作")
    backend = get_search_backend()
    scores = []
    for queryset in (NoticePage.objects.filter(slug="same-notice"),
                     ExperienceCasePage.objects.filter(slug="same-case")):
        [hit] = backend.search("评议", queryset).annotate_score("_score")
        scores.append(hit._score)
    assert scores[0] == pytest.approx(scores[1])


def test_body_scores_ignore_the_type(site_tree):
    """The body tier's bm25 with the type in the MATCH equals bm25 without it."""
    from wagtail.search.models import IndexEntry

    from pages.models import ExperienceCasePage
    from search.backends.database import sqlite
    from search.backends.database.sqlite import SQLiteFTSIndexEntry
    from tests.factories import ExperienceCasePageFactory

    case = ExperienceCasePageFactory(parent=site_tree.cases, slug="body-case", title="经验",
                                     body=[("paragraph", RichText("<p>开展民主评议。</p>"))])
    NoticePageFactory(parent=site_tree.notices, slug="body-notice", title="通知",
                      body=[("paragraph", RichText("<p>组织评议。</p>"))])
    sqlite._kind_counts.clear()
    compiler = get_search_backend().search(
        "评议", ExperienceCasePage.objects.all()).query_compiler
    entry = IndexEntry.objects.get(object_id=str(case.pk),
                                   content_type__model="experiencecasepage")
    table = SQLiteFTSIndexEntry._meta.db_table
    weights = ", ".join(str(w) for w in compiler.weights())
    found = []
    for expression in (compiler.match_expression(compiler.tree()),
                       compiler.match_expression(compiler.tree(), every_kind=True)):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT -bm25({table}, {weights}) FROM {table} "  # noqa: S608
                           f"WHERE {table} MATCH %s AND rowid = %s", [expression, entry.pk])
            found.append(cursor.fetchone()[0])
    assert "{kind}" in compiler.match_expression(compiler.tree())
    assert found[0] == pytest.approx(found[1])


def test_the_bulk_of_the_index_is_not_narrowed(notices, monkeypatch):
    """A type holding most entries keeps the plain match: its own `kind` doclist would
    cost more to intersect (and for bm25 to weigh) than the walk saves."""
    from search.backends.database import sqlite

    sqlite._kind_counts.clear()
    compiler = get_search_backend().search("评议", NoticePage.objects.all()).query_compiler
    share = sqlite._share_of_index(connection.alias, compiler.content_type_ids())
    assert 0 < share < 1
    monkeypatch.setattr(ChineseSQLiteSearchQueryCompiler, "KIND_SHARE", share)  # notices: "most"
    assert "{kind}" not in compiler.match_expression(compiler.tree())
    monkeypatch.setattr(ChineseSQLiteSearchQueryCompiler, "KIND_SHARE", share + 0.01)
    assert "{kind}" in compiler.match_expression(compiler.tree())
    titles, count = _titles(notices)  # same results either way
    assert count == 3 and titles[0] == "关于开展民主评议党员的通知"
