"""Snippets with highlighted hits: everything escaped, hits wrapped in <mark>.

Matching runs on normalised text (full-width/case folded, separators dropped)
with a map back to the original characters, so a query 三会一课 highlights
“三会一课” and iso9000 highlights ISO９０００. Plain substring search, no
regular expressions on user input.
"""

import unicodedata
from bisect import bisect_right
from itertools import accumulate

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .analysis.normalise import _is_separator

SNIPPET_LENGTH = 120


class _FoldTable(dict):
    """ord -> what the character becomes for matching: NFKC, case folded, separators
    dropped (usually one character or none, sometimes more); learnt once per character."""

    def __missing__(self, code):
        value = "".join(folded for folded in unicodedata.normalize("NFKC", chr(code)).casefold()
                        if not _is_separator(folded))
        self[code] = value
        return value


_FOLD = _FoldTable()
_CHUNK = 64


class _Folded:
    """A text's normalised form, its positions mapped back to the text on demand.

    The text is normalised in chunks by str.translate (C); a position is mapped back by
    walking one chunk. A search page does this for every hit's title and search text,
    which a map built character by character in Python made its costliest step."""

    def __init__(self, text):
        self.text = text
        pieces = [text[i:i + _CHUNK].translate(_FOLD) for i in range(0, len(text), _CHUNK)]
        self.starts = list(accumulate(map(len, pieces), initial=0))
        self.normalised = "".join(pieces)

    def origin(self, index):
        """The index in the text of the character that gave normalised[index]."""
        chunk = bisect_right(self.starts, index) - 1
        position, first = self.starts[chunk], chunk * _CHUNK
        for offset, char in enumerate(self.text[first:first + _CHUNK]):
            position += len(_FOLD[ord(char)])
            if index < position:
                return first + offset
        raise IndexError(index)


def hit_spans(text, needles):
    """Sorted, merged (start, end) spans of `text` matching any needle."""
    folded = _Folded(text)
    normalised, origin = folded.normalised, folded.origin
    spans = []
    for needle in needles:
        if not needle:
            continue
        start = normalised.find(needle)
        while start != -1 and len(spans) < 500:
            end = start + len(needle) - 1
            spans.append((origin(start), origin(end) + 1))
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
