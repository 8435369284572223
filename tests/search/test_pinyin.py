"""Pinyin suggestions: full pinyin and initials, scoped like every other suggestion."""

import pytest

from search import pinyin
from tests.factories import NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query, term", [
    ("dwgk", "党务公开"), ("dangwugongkai", "党务公开"), ("sanhui", "三会一课"),
    ("shyk", "三会一课"), ("ztdr", "主题党日"), ("DWGK", "党务公开"), ("san hui", "三会一课"),
])
def test_pinyin_and_initials_name_terms(query, term):
    assert pinyin.terms_for(query)[0] == term


@pytest.mark.parametrize("query", ["", "d", "党务", "dw3", "x" * 41, "qzxqzx"])
def test_other_queries_are_not_pinyin(query):
    assert pinyin.terms_for(query) == []


@pytest.mark.usefixtures("search_backend")
def test_pinyin_suggests_titles(site_tree, api):
    notice = NoticePageFactory(parent=site_tree.notices, title="深化党务公开工作的意见")
    for query in ("dwgk", "dangwugong"):
        suggestions = api("/api/search/suggest/", q=query)["suggestions"]
        assert notice.url in [s["url"] for s in suggestions], query
    three = api("/api/search/suggest/", q="sanhui")["suggestions"]
    assert site_tree.public_notice.url in [s["url"] for s in three]


@pytest.mark.usefixtures("search_backend")
@pytest.mark.parametrize("who, sees", [(None, False), ("member2", False), ("member1", True)])
def test_pinyin_suggestions_are_scoped(site_tree, client, api, member1, member2, who, sees):
    if who:
        client.force_login({"member1": member1, "member2": member2}[who])
    for query in ("zwh", "zhiweihui"):  # 支委会: only branch 1 may see its 支委会 minutes
        titles = {s["title"] for s in api("/api/search/suggest/", q=query)["suggestions"]}
        assert ("第一党支部支委会会议纪要" in titles) == sees, query
