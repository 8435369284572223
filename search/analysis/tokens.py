"""Index-time analysis: the token stream stored for a piece of text.

For every text we store, space-separated:

* the character stream: each run of Han characters as overlapping bigrams
  followed by its last character (三会一课 -> 三会 会一 一课 课), each run of
  Latin letters/digits as one token (ISO9000 -> iso9000). Any substring of
  the text is a phrase of consecutive tokens here, so 1- and 2-character
  queries and words that segmentation split differently still match;
* jieba search-mode words of three or more characters (三会一课, 观察员),
  which add weight to matches of whole dictionary words. Two-character words
  are already bigrams of the character stream.

Everything beside jieba itself runs in C where it can (str.translate,
regular-expression scans, map), since indexing speed is measured against raw
jieba speed (see docs/search.md).
"""

import re
from operator import add

from .normalise import HAN_CLASS, normalise
from .segmenter import search_words

MAX_TOKEN_LENGTH = 60

# A run is a maximal stretch of Han characters, or of other non-space characters.
_RUN = re.compile(f"([{HAN_CLASS}]+)|[^{HAN_CLASS}\\s]+")
_HAN = re.compile(f"[{HAN_CLASS}]")


def runs(text):
    """Split normalised text into (is_han, run) pieces at spaces and script changes."""
    for match in _RUN.finditer(text):
        yield match.group(1) is not None, match.group(0)


def char_tokens(text):
    tokens = []
    for match in _RUN.finditer(text):
        run = match.group(0)
        if match.group(1) is not None:
            tokens.extend(map(add, run, run[1:]))
            tokens.append(run[-1])
        else:
            tokens.append(run[:MAX_TOKEN_LENGTH])
    return tokens


def word_tokens(text):
    """Search-mode words of three or more characters that contain Han characters."""
    if not _HAN.search(text):
        return []
    return [word[:MAX_TOKEN_LENGTH] for word in search_words(text, 3) if _HAN.search(word)]


def index_tokens(text, *, words=True):
    """All tokens stored for `text` (raw, not yet normalised)."""
    text = normalise(text)
    if not text:
        return []
    tokens = char_tokens(text)
    if words:
        tokens.extend(word_tokens(text))
    return tokens


def index_text(text, *, words=True):
    return " ".join(index_tokens(text, words=words))
