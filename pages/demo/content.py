"""Demo notices and experience cases: original text written in the style of the seeds.

Bodies use a tiny markup turned into StreamField blocks by body_blocks():
"## " a heading, "### " a sub-heading, "> " a quote, lines starting with "|"
a table (the first such line is the header; "表：" before it gives a caption),
anything else a paragraph.
"""

import html

from wagtail.rich_text import RichText


def body_blocks(text):
    blocks, table, caption = [], [], ""

    def flush_table():
        nonlocal table, caption
        if table:
            blocks.append(("table", {"caption": caption, "table": {
                "data": table, "first_row_is_table_header": True,
                "first_col_is_header": False, "table_caption": ""}}))
        table, caption = [], ""

    for raw in text.strip().splitlines():
        line = raw.strip()
        if line.startswith("|"):
            table.append([cell.strip() for cell in line.strip("|").split("|")])
            continue
        flush_table()
        if not line:
            continue
        if line.startswith("表："):
            caption = line[2:]
        elif line.startswith("### "):
            blocks.append(("heading", {"text": line[4:], "level": "h3"}))
        elif line.startswith("## "):
            blocks.append(("heading", {"text": line[3:], "level": "h2"}))
        elif line.startswith("> "):
            blocks.append(("quote", {"text": line[2:], "source": ""}))
        else:
            blocks.append(("paragraph", RichText(f"<p>{html.escape(line)}</p>")))
    flush_table()
    return blocks


from .cases import CASES  # noqa: E402
from .notices import HIGHLIGHTS, NOTICES  # noqa: E402

__all__ = ["CASES", "HIGHLIGHTS", "NOTICES", "body_blocks"]
