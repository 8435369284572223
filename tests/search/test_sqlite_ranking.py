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
