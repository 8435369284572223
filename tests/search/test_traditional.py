"""Traditional and Simplified characters find each other; highlights mark what is shown."""

import pytest
from wagtail.rich_text import RichText

from search.analysis import analyse_query, index_tokens, normalise
from search.analysis.script import simplified_table
from search.highlight import highlight
from tests.factories import NoticePageFactory


def test_traditional_text_and_queries_fold_to_simplified():
    assert normalise("黨務公開") == "党务公开"
    assert normalise("「三會一課」制度") == "三会一课 制度"
    assert analyse_query("黨務公開") == analyse_query("党务公开")
    assert index_tokens("發展黨員") == index_tokens("发展党员")


def test_simplified_text_is_left_as_it_is():
    text = "关于进一步规范党内组织生活的通知：支委会、党员大会、党小组会和党课，后面附表。"
    kept = [char for char in text if char.isalnum()]
    assert "".join(normalise(text).split()) == "".join(kept)
    assert all(ord(char) not in simplified_table() for char in text)


def test_highlight_marks_the_characters_the_reader_sees():
    assert str(highlight("推進黨務公開工作", ["党务公开"])) == "推進<mark>黨務公開</mark>工作"
    assert str(highlight("推进党务公开工作", [normalise("黨務公開")])) == (
        "推进<mark>党务公开</mark>工作")


@pytest.mark.django_db
@pytest.mark.usefixtures("search_backend")
def test_either_script_finds_the_other(site_tree, api):
    traditional = NoticePageFactory(parent=site_tree.notices, title="關於深化黨務公開的通知",
                                    body=[("paragraph", RichText("<p>推進黨務公開工作。</p>"))])
    simplified = NoticePageFactory(parent=site_tree.notices, title="关于深化党务公开的通知",
                                   body=[("paragraph", RichText("<p>推进党务公开工作。</p>"))])
    for query in ("黨務公開", "党务公开"):
        results = {r["url"]: r for r in api(q=query)["results"]}
        assert {traditional.url, simplified.url} <= set(results), query
        assert "<mark>黨務公開</mark>" in results[traditional.url]["snippet"]
        assert "<mark>党务公开</mark>" in results[simplified.url]["snippet"]
