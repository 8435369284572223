"""Phrase-safe query analysis: function characters inside a query part are searched."""

import pytest
from wagtail.rich_text import RichText

from search.analysis import analyse_query, surface_words
from tests.factories import NoticePageFactory


def test_function_characters_inside_a_part_stay_in_the_phrase():
    assert surface_words("抓在日常") == ["抓在日常"]
    assert surface_words("组织的建设") == ["组织的建设"]
    assert surface_words("党员和群众") == ["党员和群众"]
    # a function character typed as a part of its own says nothing
    assert surface_words("党员 的 义务") == ["党员", "义务"]
    assert analyse_query("的") is not None


def _notice(tree, title, text):
    return NoticePageFactory(parent=tree.notices, title=title,
                             body=[("paragraph", RichText(f"<p>{text}</p>"))])


@pytest.mark.django_db
@pytest.mark.usefixtures("search_backend")
@pytest.mark.parametrize("query, holder, glued", [
    ("抓在日常", "把作风建设抓在日常、严在经常", "抓日常考勤管理"),
    ("组织的建设", "加强基层组织的建设", "推进基层组织建设标准化"),
    ("学习在前", "党员干部学习在前、落实在后", "坚持学习前置"),
])
def test_a_verbatim_phrase_finds_its_text_and_never_a_glued_string(
        site_tree, api, query, holder, glued):
    found = _notice(site_tree, "甲通知", holder)
    missed = _notice(site_tree, "乙通知", glued)
    urls = {r["url"] for r in api(q=query)["results"]}
    assert found.url in urls
    assert missed.url not in urls
