"""Snippets with highlighted hits: everything escaped, hits wrapped in <mark>.

Matching runs on normalised text (full-width/case folded, Traditional characters
as Simplified ones, separators dropped)
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
from .analysis.script import simplify

SNIPPET_LENGTH = 120


class _FoldTable(dict):
    """ord -> what the character becomes for matching: NFKC, case folded, separators
    dropped (usually one character or none, sometimes more); learnt once per character."""

    def __missing__(self, code):
        value = "".join(folded for folded in simplify(unicodedata.normalize("NFKC", chr(code))
                                                      .casefold())
                        if not _is_separator(folded))
        self[code] = value
        return value


_FOLD = _FoldTable()
_CHUNK = 64


class Folded:
    """A text's normalised form, its positions mapped back to the text on demand.

    The text is normalised in chunks by str.translate (C); a position is mapped back by
    walking one chunk. Query-independent: a hit's card prepares it once
    (search/engines/hits.py) and the title and snippet only search it."""

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

    def position(self, index):
        """The normalised index where text[index:] starts (inverse of origin)."""
        first = index - index % _CHUNK
        return self.starts[first // _CHUNK] + len(self.text[first:index].translate(_FOLD))

    def matches(self, needles):
        """Sorted (start, end) spans of needles in the normalised text (at most 500)."""
        found = []
        for needle in needles:
            if not needle:
                continue
            start = self.normalised.find(needle)
            while start != -1 and len(found) < 500:
                found.append((start, start + len(needle)))
                start = self.normalised.find(needle, start + len(needle))
        found.sort()
        return found

    def spans(self, matches):
        """Normalised matches as merged (start, end) spans of the text."""
        merged = []
        for start, end in sorted((self.origin(a), self.origin(b - 1) + 1) for a, b in matches):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def hit_spans(text, needles):
    """Sorted, merged (start, end) spans of `text` matching any needle."""
    folded = Folded(text)
    return folded.spans(folded.matches(needles))


def highlight(text, needles):
    """The whole text, escaped, with hits marked."""
    return _render(text, hit_spans(text, needles), 0, len(text))


def folded_snippet_text(text):
    """What snippet() cuts from, prepared once: whitespace collapsed, normalised."""
    return Folded(" ".join((text or "").split()))


def snippet(text, needles, length=SNIPPET_LENGTH):
    """About `length` characters of `text` around the first hit, escaped and marked.

    `text` may be a folded_snippet_text(). Only the matches that reach the snippet's
    window are mapped back to the text (a one-character query can match hundreds of
    times in a long notice)."""
    folded = text if isinstance(text, Folded) else folded_snippet_text(text)
    text = folded.text
    if not text:
        return mark_safe("")
    matches = folded.matches(needles)
    start = max(0, folded.origin(matches[0][0]) - length // 4) if matches else 0
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    low, high = folded.position(start), folded.position(end)
    # A match reaches [start, end) when it ends after `start` and begins before `end`.
    near = [(a, b) for a, b in matches if b > low and a < high]
    return _render(text, folded.spans(near), start, end)


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
