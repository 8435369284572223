"""Text normalisation shared by indexing and querying.

Full-width forms become half-width (NFKC), Latin letters are case-folded so
ISO9000 = iso9000, and every character that is neither a letter nor a digit
(punctuation, symbols, full-text operator characters) becomes a space.
"""

import unicodedata

# Characters kept inside tokens: letters (L*) and digits (N*). Everything else separates.
_KEEP = ("L", "N")


def _build_separator_table():
    # A translation table for the whole BMP would be large; cache decisions lazily instead.
    return {}


_SEPARATOR_CACHE = _build_separator_table()


def _is_separator(char):
    cached = _SEPARATOR_CACHE.get(char)
    if cached is None:
        cached = unicodedata.category(char)[0] not in _KEEP
        _SEPARATOR_CACHE[char] = cached
    return cached


def normalise(text):
    """Half-width, case-folded text with separators turned into single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join("".join(" " if _is_separator(c) else c for c in text).split())


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
