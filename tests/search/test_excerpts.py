"""What a hit shows: an excerpt of the text a reader sees (no block labels, no metadata),
the matched words marked, the item's own date and a one-line meta per type."""

import datetime

import pytest
from wagtail.rich_text import RichText

from pages.models import BranchCommitteeMember
from portal.scope import AnonymousScopeResolver
from search.engines.hits import card_of, hit_of
from search.excerpts import block_text, html_text, stream_text
from search.providers import get_provider
from tests.factories import BranchPageFactory, NoticePageFactory

pytestmark = pytest.mark.django_db

BODY = [
    ("heading", {"text": "工作要求", "level": "h2"}),
    ("paragraph", RichText("<p>各党支部要<b>认真</b>开展主题党日活动。</p><p>按时报送&amp;总结。</p>")),
    ("quote", {"text": "不忘初心", "source": "党章"}),
    ("table", {"caption": "安排表", "table": {"data": [["时间", "内容"], ["3月", "学习"]]}}),
]


def card(obj):
    from search.providers import provider_for

    return card_of(provider_for(obj), obj, AnonymousScopeResolver())


def meta_line(card):
    from django.template.loader import render_to_string

    return render_to_string("search/includes/hit_meta.html", {"hit": card})


@pytest.fixture
def notice(site_tree):
    return NoticePageFactory(parent=site_tree.notices, title="关于开展主题党日的通知", body=BODY,
                             summary="", keywords="主题词甲 主题词乙", index_number="JG/2026-00042",
                             document_number="财机党〔2026〕9号", issuing_authority="机关党委办公室",
                             date=datetime.date(2025, 3, 5))


def test_the_excerpt_is_the_body_a_reader_sees(notice):
    text = card(notice).text.text
    assert text.startswith("工作要求 各党支部要认真开展主题党日活动。")  # tags gone, words kept
    assert "按时报送&总结。" in text and "按时报送&总结。" in text
    assert "不忘初心" in text and "3月 学习" in text
    for internal in ("一级标题", "h2", "主题词甲", "JG/2026-00042", "财机党〔2026〕9号", "<b>"):
        assert internal not in text


def test_matched_words_are_marked_in_the_excerpt(notice):
    hit = hit_of(card(notice), ["开展"])
    assert "<mark>开展</mark>主题党日活动" in str(hit.snippet)
    assert "一级标题" not in str(hit.snippet)


def test_a_notice_found_by_its_document_number_shows_its_body_not_the_number(client, notice):
    data = client.get("/api/search/", {"q": "财机党〔2026〕9号"}).json()
    assert [r["title"] for r in data["results"]] == [notice.title]
    snippet = data["results"][0]["snippet"]
    assert "财机党" not in snippet and "JG/2026" not in snippet and "工作要求" in snippet


def test_a_notices_meta_line_names_its_section_authority_date_and_scope(client, notice, site_tree):
    c = card(notice)
    # The 栏目 here is called like the type (通知公告), so it is not said twice.
    assert c.meta == ("机关党委办公室",)
    assert c.date == datetime.date(2025, 3, 5)
    assert "机关党委办公室" in meta_line(c) and "2025-03-05" in meta_line(c)
    assert "向社会公开" in meta_line(c)
    body = client.get("/search/", {"q": "主题党日"}).content.decode()
    assert "机关党委办公室" in body and "2025-03-05" in body


def test_an_article_under_another_section_names_that_section(site_tree):
    from tests.factories import SectionPageFactory

    other = SectionPageFactory(parent=site_tree.home, title="党建动态")
    c = card(NoticePageFactory(parent=other, issuing_authority=""))
    assert c.meta == ("党建动态",)


def test_an_organisation_hit_has_no_date_and_no_list_of_names(site_tree):
    branch = BranchPageFactory(parent=site_tree.committee, title="第九党支部", intro="本支部有党员12名。",
                               body=[("heading", {"text": "支部概况", "level": "h3"})])
    for name in ("张三", "李四", "王五"):
        BranchCommitteeMember.objects.create(branch=branch, name=name, role="member")
    c = card(branch)
    assert c.date is None and "<time" not in meta_line(c)
    assert c.text.text == "本支部有党员12名。 支部概况"
    assert c.meta == ("党支部", "党员12名")


@pytest.mark.requires_plugin("commitments")
def test_a_pledges_items_are_numbered_and_kept_apart(site_tree):
    from tests.plugins.commitments.factories import PeriodFactory, published_pledge

    period = PeriodFactory()
    pledge = published_pledge(site_tree.branch1, period, n=2)
    text = card(pledge).text.text
    assert text.startswith("1. 为群众办实事第1项（践诺措施：设立党员示范岗，首问负责）；2. 为群众办实事第2项")
    assert card(pledge).meta == (period.name,)


def test_block_text_leaves_out_choices_and_reads_rich_text():
    from pages.blocks import BodyStreamBlock

    stream = BodyStreamBlock().to_python([{"type": "heading", "value": {"text": "一、总体要求", "level": "h3"}},
                                          {"type": "paragraph", "value": "<p>甲</p><ul><li>乙</li><li>丙</li></ul>"}])
    assert stream_text(stream) == "一、总体要求 甲 乙 丙"
    assert html_text("<p>a&lt;b</p><br>c") == "a<b c"
    assert block_text(BodyStreamBlock().child_blocks["heading"].child_blocks["level"], "h2") == ""


def test_hit_of_and_card_of_keep_their_signatures(notice):
    import inspect

    assert list(inspect.signature(card_of).parameters) == ["provider", "obj", "resolver", "request"]
    assert list(inspect.signature(hit_of).parameters) == ["card", "needles"]
    assert get_provider("notice") is not None
