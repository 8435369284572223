"""What a search hit shows a reader: its excerpt text and its one-line meta.

What is indexed (search/backends/database/indexer.py's RawDocument) is every search field,
metadata included, so a 发文字号 or a tag still finds its notice. What is shown must be
what a reader sees on the item: the body as it reads (StreamField choice labels such as
"一级标题" left out), never 索引号, 主题词 or a list of names run into the text.

An indexed model says what it shows through two optional methods:

- ``search_excerpt()`` -> str: the reader-visible text excerpts are cut from;
- ``search_meta()`` -> list of str: short facts for the hit's meta line (栏目, 发文机关, ...).

Without them a hit shows its ``summary`` or ``intro`` and no extra meta.
"""

import html
import re

from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.rich_text import RichText

_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


def html_text(source):
    """Plain text of an HTML fragment: paragraphs and list items kept apart by a space."""
    return " ".join(html.unescape(strip_tags(_BLOCK_END.sub(" ", source or ""))).split())


def _join(parts, separator=" "):
    return separator.join(part.strip() for part in parts if part and part.strip())


def block_text(block, value):
    """The text a reader sees of one block's value: choices (labels), images and raw
    settings are left out; rich text loses its tags; tables read row by row."""
    if value is None:
        return ""
    if isinstance(block, blocks.ChoiceBlock):
        return ""
    if isinstance(block, TableBlock):
        rows = (value or {}).get("data") or []
        return _join(_join(str(cell) for cell in row if cell) for row in rows)
    if isinstance(block, blocks.RichTextBlock) or isinstance(value, RichText):
        return html_text(getattr(value, "source", str(value)))
    if isinstance(block, blocks.StructBlock):
        return _join(block_text(child, value.get(name)) for name, child in block.child_blocks.items())
    if isinstance(block, blocks.ListBlock):
        return _join(block_text(block.child_block, item) for item in value)
    if isinstance(block, blocks.StreamBlock):
        return stream_text(value)
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return str(value)
    return ""


def stream_text(stream_value):
    """The reader-visible text of a StreamField value, block after block."""
    if not stream_value:
        return ""
    return _join(block_text(child.block, child.value) for child in stream_value)


def excerpt_text(obj):
    """The text a hit's excerpt is cut from (see the module docstring)."""
    method = getattr(obj, "search_excerpt", None)
    if callable(method):
        return method() or ""
    return getattr(obj, "summary", "") or getattr(obj, "intro", "") or ""


def meta_of(obj):
    """The short facts of a hit's meta line, in order, empty ones left out."""
    method = getattr(obj, "search_meta", None)
    if not callable(method):
        return ()
    return tuple(str(part) for part in method() if part)
