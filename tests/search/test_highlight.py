"""Highlighting maps matches in the normalised text back to the original characters."""

import random
import unicodedata

from search.analysis.normalise import _is_separator
from search.highlight import _CHUNK, _render, folded_snippet_text, highlight, hit_spans, snippet


def reference_spans(text, needles):
    """The plain per-character definition: normalise each character, drop separators,
    remember where each normalised character came from."""
    chars, origin = [], []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if not _is_separator(folded):
                chars.append(folded)
                origin.append(index)
    normalised = "".join(chars)
    spans = []
    for needle in needles:
        start = normalised.find(needle)
        while start != -1 and len(spans) < 500:
            spans.append((origin[start], origin[start + len(needle) - 1] + 1))
            start = normalised.find(needle, start + len(needle))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def test_spans_match_the_per_character_definition():
    # Characters that vanish (separators), expand (ß, ﬁ, ①) or fold (full width, Σ/ς),
    # in texts longer than a chunk so matches straddle chunk boundaries.
    alphabet = "三会一课党支部ＩＳＯ９０００ iso,.-：“”ßﬁ①ÅǅẞΣς\u0301é\u00a0\n"
    needles = ["三会", "iso9000", "ss", "fi", "1", "一课", "σ", "党", "e\u0301", "é"]
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3 * _CHUNK)))
        chosen = rng.sample(needles, 3)
        assert hit_spans(text, chosen) == reference_spans(text, chosen), (text, chosen)


def test_full_width_and_separated_text_is_marked():
    assert str(highlight("学习“三会·一课”制度", ["三会一课"])) == "学习“<mark>三会·一课</mark>”制度"
    assert str(highlight("ＩＳＯ９０００认证", ["iso9000"])) == "<mark>ＩＳＯ９０００</mark>认证"


def test_snippet_is_cut_around_the_first_hit_and_escaped():
    text = "<b>" + "甲" * 300 + "党支部" + "乙" * 300
    out = str(snippet(text, ["党支部"]))
    assert "<mark>党支部</mark>" in out and out.startswith("…") and out.endswith("…")
    assert "<b>" not in out


def reference_snippet(text, needles, length=120):
    text = " ".join(text.split())
    spans = reference_spans(text, needles)
    start = max(0, spans[0][0] - length // 4) if spans else 0
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    return _render(text, spans, start, end)


def test_snippets_match_the_whole_text_definition():
    # Many matches (only those near the window are mapped back), overlapping needles,
    # and a prepared (kept) text giving the same snippet as the plain one.
    alphabet = "党党支部三会一课 ,.ＩＳＯiso9000ßﬁ①\u00a0\n"
    needles = ["党", "党支部", "支部", "iso", "ss", "fi", "1", "党党"]
    rng = random.Random(10)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6 * _CHUNK)))
        chosen = rng.sample(needles, 2)
        expected = str(reference_snippet(text, chosen))
        assert str(snippet(text, chosen)) == expected, (text, chosen)
        assert str(snippet(folded_snippet_text(text), chosen)) == expected
