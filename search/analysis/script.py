"""Traditional → Simplified characters, learnt once from OpenCC's t2s conversion.

Indexed text, queries and highlighting all fold a Traditional character to its
Simplified form (黨務公開 = 党务公开), so either script finds the other. The fold is
one character for one character: every character of the CJK blocks that OpenCC's
`t2s` converts, on its own, to one other character (≈3,750 of them). Being per
character, it runs inside normalise()'s single str.translate (no cost per text
beyond the table look-up it already makes) and keeps highlight positions exact: a
Traditional text is marked on the characters the reader sees. Phrase-level choices
OpenCC makes (乾隆 vs 乾淨) are not needed for matching: text and query are folded
the same way. Simplified text is left as it is (no character of the seed notices
changes).

The table is built on first use (one OpenCC call over ≈28,000 characters, about
0.2 s) under a lock, once per process. Changing it (another OpenCC version) changes
what is indexed: run `manage.py update_index` afterwards.
"""

import threading

import opencc

# The BMP CJK blocks: Extension A, Unified Ideographs, Compatibility Ideographs.
_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_lock = threading.Lock()
_table = None


def _build():
    codes = [code for start, stop in _RANGES for code in range(start, stop)]
    converted = opencc.OpenCC("t2s").convert("\n".join(map(chr, codes))).split("\n")
    if len(converted) != len(codes):  # never seen; keep the text as it is rather than guess
        return {}
    return {code: ord(out) for code, out in zip(codes, converted, strict=True)
            if len(out) == 1 and out != chr(code)}


def simplified_table():
    """{ord(traditional): ord(simplified)} for every character the fold changes."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _build()
    return _table


def simplify(text):
    """`text` with Traditional characters folded to Simplified ones."""
    return text.translate(simplified_table()) if text else text
