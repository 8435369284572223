"""Synonyms and variants applied at query time, the same for every backend.

A synonym group is a set of equivalent wordings (民主评议会 / 民主评议, 交纳党费 / 缴纳党费);
the list is the `SynonymGroup` snippet (admin: 检索同义词), shipped with a 党建/政务 list.
A query that holds a term of a group is also searched with that term replaced by each
other term of its group (at most MAX_VARIANTS such queries): analyse_query() ORs their
trees with the query's own. Nothing changes in the index, so editing the list needs no
re-indexing, and SQLite, PostgreSQL and Elasticsearch match alike (they all take the
same tree). Exact matches are ranked above the matches found only through a synonym in
the same search: on the database backends (search.backends.database.results) and on
Elasticsearch (search.backends.elasticsearch.queries).

Terms are compared normalised (Traditional folded, case folded), longest first, and a
term already replaced is not replaced again inside its replacement.
"""

import contextvars
import time
from contextlib import contextmanager

from .normalise import normalise

MAX_VARIANTS = 6
RELOAD_SECONDS = 60  # other processes see an edited list within this time

_enabled = contextvars.ContextVar("search_synonyms_enabled", default=True)
_groups = None
_loaded_at = 0.0
_loads = 0  # how many times the list was read: a version for what is derived from it


@contextmanager
def without_synonyms():
    """Analyse queries inside this block without synonym expansion."""
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)


def split_terms(text):
    """The terms of a group as typed: separated by commas, 、, ；, slashes or spaces."""
    for separator in "，,、；;/／|｜\n\r\t":
        text = text.replace(separator, " ")
    seen, terms = set(), []
    for term in text.split():
        key = normalise(term)
        if key and key not in seen:
            seen.add(key)
            terms.append(term.strip())
    return terms


def _load():
    from search.models import SynonymGroup

    groups = []
    for terms in SynonymGroup.objects.filter(enabled=True).values_list("terms", flat=True):
        normalised = [normalise(term) for term in split_terms(terms)]
        normalised = [term for term in normalised if " " not in term]
        if len(normalised) > 1:
            groups.append(tuple(normalised))
    return groups


def groups():
    """The enabled groups, each a tuple of normalised terms (read again every minute)."""
    global _groups, _loaded_at, _loads
    now = time.monotonic()
    if _groups is None or now - _loaded_at > RELOAD_SECONDS:
        try:
            loaded = _load()
        except Exception:  # no table yet (migrations running): no synonyms
            return ()
        if loaded != _groups:
            _loads += 1
        _groups, _loaded_at = loaded, now
    return _groups


def version():
    """Changes whenever the list read from the database changes."""
    groups()
    return _loads


def forget():
    """Drop the kept list (called when a group is saved or deleted)."""
    global _groups
    _groups = None


def variants(query):
    """[(term found, replacement, the query with it replaced)] for `query`, or []."""
    if not _enabled.get() or not query:
        return []
    text = normalise(query)
    if not text:
        return []
    index = {}
    for group in groups():
        for term in group:
            index.setdefault(term, set()).update(t for t in group if t != term)
    found, taken = [], []
    for term in sorted(index, key=len, reverse=True):
        start = text.find(term)
        if start == -1:
            continue
        end = start + len(term)
        if any(start < b and a < end for a, b in taken):
            continue  # inside a longer term already found
        taken.append((start, end))
        for other in sorted(index[term]):
            if term in other:
                continue  # 三会一课 → 三会一课制度 finds nothing 三会一课 does not
            found.append((term, other, text[:start] + other + text[end:]))
            if len(found) >= MAX_VARIANTS:
                return found
    return found
