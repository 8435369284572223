"""A 承诺书 as a Word document laid out like 附件一 (organisations) / 附件二 (members)."""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"


def _font(run, name=BODY_FONT, size=14, bold=False):
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(doc, text, size=14, bold=False, align=None, name=BODY_FONT, indent=False):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    _font(p.add_run(text), name=name, size=size, bold=bold)
    return p


def pledge_docx(pledge, items, comments):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.0)

    _paragraph(doc, pledge.annex_label, size=14, name="黑体")
    _paragraph(doc, "党员公开承诺书" if pledge.is_member_pledge else "党组织公开承诺书", size=22,
               align=WD_ALIGN_PARAGRAPH.CENTER, name=TITLE_FONT, bold=True)
    _paragraph(doc, f"（{pledge.period.name}）", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    if pledge.is_member_pledge:
        _paragraph(doc, f"承诺人：{pledge.pledger_name}　　所在党组织：{pledge.organisation.title}")
        intro = ("作为一名中国共产党党员，我立足岗位、发挥先锋模范作用，"
                 "自觉接受党组织和群众监督，现将本半年度承诺事项公开如下：")
    else:
        _paragraph(doc, f"承诺单位：{pledge.organisation.title}")
        intro = ("为充分发挥基层党组织战斗堡垒作用，扎扎实实为群众办实事、办好事、解难题，"
                 "本组织现将本半年度承诺事项公开如下，请党员群众监督：")
    _paragraph(doc, intro, indent=True)

    headers = ["序号", "承诺事项", "类别", "践诺措施", "完成时限", "责任人"]
    widths = [Cm(1.4), Cm(7.5), Cm(2.2), Cm(8.5), Cm(3.0), Cm(2.6)]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.width = width
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), size=12, bold=True, name="黑体")
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for n, item in enumerate(items, start=1):
        values = [str(n), item.content, item.get_category_display(), item.measures,
                  f"{item.deadline:%Y年%m月%d日}", item.responsible]
        cells = table.add_row().cells
        for cell, text, width in zip(cells, values, widths, strict=True):
            cell.width = width
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), size=12)

    if pledge.self_assessment:
        _paragraph(doc, "党员自评" if pledge.is_member_pledge else "自评情况", bold=True, name="黑体")
        _paragraph(doc, pledge.self_assessment, indent=True)
    if comments:
        _paragraph(doc, "领导点评", bold=True, name="黑体")
        for c in comments:
            _paragraph(doc, f"{c.author_name}（{c.created_at:%Y年%m月%d日}，等次：{c.get_grade_display()}）：{c.comment}",
                       indent=True)

    doc.add_paragraph()
    who = "承诺人（签字）：" if pledge.is_member_pledge else "承诺单位（盖章）："
    _paragraph(doc, f"{who}{' ' * 24}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    date = pledge.published_at
    _paragraph(doc, f"{date:%Y年%m月%d日}" if date else "　　年　　月　　日",
               align=WD_ALIGN_PARAGRAPH.RIGHT)

    # The keyed chain's head: check it against the public 台账校验公示 (docs/operations.md).
    from integrity.anchors import stamp

    from .sealing import SOURCE

    doc.add_paragraph()
    for line in stamp(SOURCE, [pledge.pk]):
        _paragraph(doc, line, size=9)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
