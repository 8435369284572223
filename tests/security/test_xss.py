"""XSS probes through every publicly rendered field: plain fields are escaped, rich text
goes through the editor's whitelist (Draftail contentstate) or the importer's escaping."""

import io
import json
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import RichText

from pages.models import BranchCommitteeMember, ExperienceCasePage, NoticePage
from tests.factories import ExperienceCasePageFactory, NoticePageFactory

SCRIPT = '<script>alert("xss")</script>'
IMG = '<img src=x onerror="alert(1)">'
JS_LINK = '<a href="javascript:alert(2)">点击</a>'
SVG = '<svg onload=alert(3)>'
PROBES = [SCRIPT, IMG, JS_LINK, SVG, '"><script>alert(4)</script>', "' onmouseover='alert(5)"]
RICH = f"<p>正文{SCRIPT}{IMG}{JS_LINK}{SVG}<b onclick=\"alert(6)\">加粗</b></p>"

class _Scanner(HTMLParser):
    """Finds what a browser would execute: script elements, on* attributes, javascript: URLs,
    svg/iframe/object elements. Escaped text (&lt;script&gt;) is text and is not reported."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        if tag == "script":
            self._in_script = True
            if not dict(attrs).get("src"):
                self.found.append("inline <script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction") and value and \
                    value.strip().lower().replace("\t", "").startswith(("javascript:", "data:text")):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.found.append("script body")


def assert_clean(html, where):
    scanner = _Scanner()
    scanner.feed(html)
    assert not scanner.found, (where, scanner.found)


def editor_sanitised(text, link_url="javascript:alert(2)", img_src='x" onerror="alert(3)'):
    """What the Wagtail admin stores when the editor (Draftail) posts `text` with a link
    to `link_url` and an image entity: the admin receives contentstate JSON, never HTML,
    and converts it to the stored HTML through the feature whitelist."""
    converter = ContentstateConverter(features=["bold", "italic", "link", "h2", "h3"])
    tail = " 点击"
    contentstate = {
        "blocks": [
            {"key": "a", "type": "unstyled", "text": text + tail, "depth": 0, "data": {},
             "inlineStyleRanges": [{"offset": 0, "length": 2, "style": "BOLD"}],
             "entityRanges": [{"offset": len(text) + 1, "length": 2, "key": 0}]},
            {"key": "b", "type": "atomic", "text": " ", "depth": 0, "data": {},
             "inlineStyleRanges": [], "entityRanges": [{"offset": 0, "length": 1, "key": 1}]},
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link_url}},
            "1": {"type": "IMAGE", "mutability": "IMMUTABLE", "data": {"src": img_src}},
        },
    }
    return converter.to_database_format(json.dumps(contentstate))


def public_pages(client, *pages):
    bodies = {}
    for page in pages:
        bodies[page.url] = client.get(page.url).content.decode()
        bodies[page.get_parent().url] = client.get(page.get_parent().url).content.decode()
    bodies["/"] = client.get("/").content.decode()
    search = client.get("/search/", {"q": "探针"})
    bodies["/search/"] = search.content.decode()
    return bodies


@pytest.mark.parametrize("probe", PROBES)
def test_plain_fields_are_escaped_everywhere(client, site_tree, probe):
    notice = NoticePageFactory(
        parent=site_tree.notices, slug="xss-notice", title=f"探针通知{probe}",
        summary=f"摘要{probe}", issuing_authority=f"机关{probe}"[:100],
        document_number="探针〔2026〕1号", addressee=f"各支部{probe}"[:200],
        keywords=f"主题词{probe}"[:200], signature=f"落款{probe}",
        body=[("paragraph", RichText(editor_sanitised(f"正文{probe}")))])
    case = ExperienceCasePageFactory(
        parent=site_tree.cases, slug="xss-case", title=f"探针案例{probe}",
        summary=f"案例摘要{probe}",
        body=[("paragraph", RichText(editor_sanitised(f"做法{probe}")))])
    branch = site_tree.branch1
    branch.phone, branch.address, branch.intro = f"电话{probe}"[:50], f"地点{probe}"[:200], \
        f"简介{probe}"
    branch.committee.add(BranchCommitteeMember(name=probe[:30], role="secretary",
                                               duty=f"分工{probe}"[:100]))
    branch.save_revision().publish()
    for url, html in public_pages(client, notice, case, branch.specific).items():
        assert_clean(html, url)
    branch_html = client.get(branch.url).content.decode()
    assert "分工" in branch_html and "简介" in branch_html  # the fields are really rendered
    body = client.get(notice.url).content.decode()
    assert "探针通知&lt;" in body or "探针通知&quot;" in body or "探针通知&#x27;" in body
    api = client.get("/api/search/", {"q": "探针通知"})
    assert api["Content-Type"].startswith("application/json")
    json.loads(api.content)  # JSON, so the browser never renders it as HTML


def test_rich_text_from_the_editor_keeps_text_and_drops_code(client, site_tree):
    stored = editor_sanitised(RICH)
    assert "正文" in stored and "点击" in stored and "<b>" in stored
    assert_clean(stored, "contentstate")
    notice = NoticePageFactory(parent=site_tree.notices, slug="xss-rich", title="探针富文本",
                               body=[("paragraph", RichText(stored))])
    html = client.get(notice.url).content.decode()
    assert "点击" in html and "&lt;script&gt;" in html
    assert_clean(html, notice.url)


def test_imported_html_is_escaped(client, site_tree, tmp_path):
    feed = tmp_path / "probe.jsonl"
    records = [
        {"type": "notice", "slug": "xss-import", "title": f"导入探针{SCRIPT}", "body": RICH,
         "date": "2026-03-01", "scope": "public"},
        {"type": "experience", "slug": "xss-import-case", "title": "导入案例探针",
         "body": f"<p>{IMG}{JS_LINK}</p>", "date": "2026-03-01", "scope": "public",
         "section": "cases"},
    ]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records))
    call_command("import_content", str(feed), stdout=io.StringIO(), stderr=io.StringIO())
    notice = NoticePage.objects.get(slug="xss-import")
    case = ExperienceCasePage.objects.get(slug="xss-import-case")
    for page in (notice, case):
        html = client.get(page.url).content.decode()
        assert_clean(html, page.url)
    assert "导入探针&lt;script&gt;" in client.get(notice.url).content.decode()


def test_the_probe_detector_detects():
    with pytest.raises(AssertionError):
        assert_clean(f"<p>{IMG}</p>", "self-test")


# Rich text as code, a migration or a restored archive could leave it: straight in the
# database, never through the editor's whitelist. Rendering must make it inert.
RAW_RICH = (
    f'<p style="color:red">正文{SCRIPT}{IMG}{JS_LINK}{SVG}'
    '<a href=" JaVaScRiPt:alert(7)">大小写</a><a href="data:text/html,<script>alert(8)</script>">'
    '数据</a><iframe src="https://example.org/"></iframe><b onclick="alert(6)">加粗</b>'
    '<a href="/notices/">站内链接</a></p>'
)


def _store_raw(page_model, pk, **fields):
    """Write fields with a queryset update: no form, no editor, no model hooks."""
    page_model.objects.filter(pk=pk).update(**fields)
    return page_model.objects.get(pk=pk)


def test_rich_text_written_straight_to_the_database_renders_inert(client, site_tree):
    notice = NoticePageFactory(parent=site_tree.notices, slug="xss-raw", title="探针原始富文本")
    case = ExperienceCasePageFactory(parent=site_tree.cases, slug="xss-raw-case",
                                     title="探针原始案例")
    stream = json.dumps([{"type": "paragraph", "value": RAW_RICH, "id": "raw"}])
    notice = _store_raw(NoticePage, notice.pk, body=stream)
    case = _store_raw(ExperienceCasePage, case.pk, body=stream)
    index = _store_raw(type(site_tree.branch_index), site_tree.branch_index.pk, intro=RAW_RICH)
    assert "<script>" in notice.body.raw_data[0]["value"]  # really stored as written

    for page in (notice, case, index):
        html = client.get(page.url).content.decode()
        assert_clean(html, page.url)
        assert "style=\"color:red\"" not in html and "<iframe" not in html
        # The harmless part is kept: text, bold and the site-internal link.
        assert "正文" in html and "<b>加粗</b>" in html
        assert 'href="/notices/"' in html
    for url, html in public_pages(client, notice, case).items():
        assert_clean(html, url)


def test_every_rich_text_block_and_template_renders_through_the_sanitiser():
    """A new RichTextBlock without the sanitising template, or a template that uses
    Wagtail's bare `|richtext`, would bypass the output-side defence."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings
    from wagtail.blocks import RichTextBlock, StreamBlock, StructBlock
    from wagtail.fields import StreamField

    def rich_blocks(block):
        if isinstance(block, RichTextBlock):
            yield block
        if isinstance(block, (StreamBlock, StructBlock)):
            for child in block.child_blocks.values():
                yield from rich_blocks(child)
        elif getattr(block, "child_block", None) is not None:
            yield from rich_blocks(block.child_block)

    found = 0
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for block in rich_blocks(field.stream_block):
                    found += 1
                    assert block.meta.template == "pages/blocks/paragraph.html", (model, block)
    assert found
    root = Path(settings.BASE_DIR)
    offenders = [str(path) for path in root.rglob("*.html")
                 if ".venv" not in path.parts and "|richtext" in path.read_text("utf-8")]
    assert not offenders, offenders
    paragraph = (root / "pages/templates/pages/blocks/paragraph.html").read_text("utf-8")
    assert "|sanitised_richtext" in paragraph
