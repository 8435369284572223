"""Pinyin in the search box: dwgk → 党务公开, sanhui → 三会一课 (pypinyin 0.55.0).

A query of Latin letters only is read as pinyin: full pinyin without tones (dangwugongkai)
or initials (dwgk), either of them possibly cut short as the reader types (sanhui). It is
matched against a vocabulary — the domain dictionary's terms (search/dictionary) and the
synonym list's terms — and the few terms it matches are passed to the ordinary suggestion
channel (engine.suggest), so what a pinyin query suggests is scoped exactly like every
other suggestion: only titles the requester may see.

The vocabulary's pinyin is computed once per process (about 400 terms, a few ms); the
synonym terms are those of the list when the vocabulary was built, read again with it
when the list changes (search.analysis.synonyms.forget).
"""

import threading

from pypinyin import lazy_pinyin

MAX_TERMS = 3  # terms a pinyin query stands for, best first
MIN_LENGTH = 2  # one letter would match a sixth of the vocabulary
MAX_LENGTH = 40

_lock = threading.Lock()
_vocabulary = None
_version = None


def is_pinyin(query):
    """True for a query of ASCII letters only (spaces allowed), 2–40 letters."""
    letters = query.replace(" ", "")
    return MIN_LENGTH <= len(letters) <= MAX_LENGTH and letters.isascii() and letters.isalpha()


def _entry(term):
    syllables = lazy_pinyin(term, errors="ignore")
    if not syllables or len(syllables) != len(term):
        return None  # a term with Latin letters or digits: not reachable by pinyin
    return term, "".join(syllables), "".join(s[0] for s in syllables)


def _terms():
    from .analysis.segmenter import domain_terms
    from .analysis.synonyms import groups

    return list(dict.fromkeys([*domain_terms(), *(t for group in groups() for t in group)]))


def vocabulary():
    """[(term, full pinyin, initials)] of every term reachable by pinyin."""
    global _vocabulary, _version
    from .analysis.synonyms import version as synonyms_version

    version = synonyms_version()
    if _vocabulary is None or version != _version:
        with _lock:
            _vocabulary = [entry for entry in map(_entry, _terms()) if entry]
            _version = version
    return _vocabulary


def terms_for(query, limit=MAX_TERMS):
    """The Chinese terms a pinyin query most likely stands for, best first."""
    if not is_pinyin(query):
        return []
    key = query.replace(" ", "").lower()
    scored = []
    for term, full, initials in vocabulary():
        if initials == key or full == key:
            rank = 0  # the whole term
        elif full.startswith(key) and len(key) > 2:
            rank = 1  # full pinyin typed in part (sanhui)
        elif initials.startswith(key):
            rank = 2  # initials typed in part (dwg)
        else:
            continue
        scored.append((rank, len(term), term))
    scored.sort()
    return [term for _rank, _length, term in scored[:limit]]


def suggest(engine, query, resolver, request=None, limit=8):
    """engine.suggest() for the terms a pinyin query stands for, merged, at most `limit`."""
    found, seen = [], set()
    for term in terms_for(query):
        for suggestion in engine.suggest(term, resolver, request, limit=limit):
            if suggestion["url"] not in seen:
                seen.add(suggestion["url"])
                found.append({**suggestion, "pinyin_of": term})
        if len(found) >= limit:
            break
    return found[:limit]
