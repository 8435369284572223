"""Snippets with highlighted hits: everything escaped, hits wrapped in <mark>.

Matching runs on normalised text (full-width/case folded, separators dropped)
with a map back to the original characters, so a query 三会一课 highlights
“三会一课” and iso9000 highlights ISO９０００. Plain substring search, no
regular expressions on user input.
"""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .analysis.normalise import _is_separator

SNIPPET_LENGTH = 120


def _normalised_with_map(text):
    chars, origin = [], []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if not _is_separator(folded):
                chars.append(folded)
                origin.append(index)
    return "".join(chars), origin


def hit_spans(text, needles):
    """Sorted, merged (start, end) spans of `text` matching any needle."""
    normalised, origin = _normalised_with_map(text)
    spans = []
    for needle in needles:
        if not needle:
            continue
        start = normalised.find(needle)
        while start != -1 and len(spans) < 500:
            end = start + len(needle) - 1
            spans.append((origin[start], origin[end] + 1))
            start = normalised.find(needle, start + len(needle))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, needles):
    """The whole text, escaped, with hits marked."""
    return _render(text, hit_spans(text, needles), 0, len(text))


def snippet(text, needles, length=SNIPPET_LENGTH):
    """About `length` characters of `text` around the first hit, escaped and marked."""
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")
    spans = hit_spans(text, needles)
    start = 0
    if spans:
        start = max(0, spans[0][0] - length // 4)
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    return _render(text, spans, start, end)


def _render(text, spans, start, end):
    out, position = [], start
    if start > 0:
        out.append("…")
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[position:span_start]))
        out.append("<mark>" + escape(text[span_start:span_end]) + "</mark>")
        position = span_end
    out.append(escape(text[position:end]))
    if end < len(text):
        out.append("…")
    return mark_safe("".join(out))
