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
"""

from .normalise import is_cjk, normalise
from .segmenter import cut_for_search

MAX_TOKEN_LENGTH = 60


def runs(text):
    """Split normalised text into (is_han, run) pieces at spaces and script changes."""
    for chunk in text.split():
        start, current = 0, is_cjk(chunk[0])
        for i in range(1, len(chunk)):
            kind = is_cjk(chunk[i])
            if kind != current:
                yield current, chunk[start:i]
                start, current = i, kind
        yield current, chunk[start:]


def char_tokens(text):
    tokens = []
    for han, run in runs(text):
        if han:
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
            tokens.append(run[-1])
        else:
            tokens.append(run[:MAX_TOKEN_LENGTH])
    return tokens


def word_tokens(text):
    words = []
    for chunk in text.split():
        if not any(is_cjk(c) for c in chunk):
            continue
        for word in cut_for_search(chunk):
            if len(word) >= 3 and any(is_cjk(c) for c in word):
                words.append(word[:MAX_TOKEN_LENGTH])
    return words


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
