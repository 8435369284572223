"""Text normalisation shared by indexing and querying.

Full-width forms become half-width (NFKC), Latin letters are case-folded so
ISO9000 = iso9000, Traditional characters become Simplified ones (黨務 = 党务,
script.py), and every character that is neither a letter nor a digit
(punctuation, symbols, full-text operator characters) becomes a space.

The per-character decision runs inside str.translate (C) against a table
that learns each character's Unicode category the first time it is seen, so
normalising a 1,500-character text costs well under a millisecond.
"""

import unicodedata

from .script import simplified_table

# Characters kept inside tokens: letters (L*) and digits (N*). Everything else separates.
_KEEP = ("L", "N")
_SPACE = ord(" ")


class _SeparatorTable(dict):
    """ord -> ord(" ") for separators, ord -> itself (or its Simplified form) for kept
    characters; filled lazily."""

    def __missing__(self, code):
        if unicodedata.category(chr(code))[0] in _KEEP:
            value = simplified_table().get(code, code)
        else:
            value = _SPACE
        self[code] = value
        return value


_TABLE = _SeparatorTable()


def _is_separator(char):
    return _TABLE[ord(char)] == _SPACE


def normalise(text):
    """Half-width, case-folded text with separators turned into single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.translate(_TABLE).split())


# Han ideographs (and the CJK compatibility/extension blocks, plus kana, rare in
# this corpus and treated like Han) as a regular-expression character class.
HAN_CLASS = ("\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f"
             "\u3040-\u30ff")


def is_cjk(char):
    """True for Han ideographs (and the CJK compatibility/extension blocks)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
        or 0x3040 <= code <= 0x30FF  # kana, rare in this corpus; treated like Han
    )
