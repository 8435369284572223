"""Query-time analysis: a user's query as a small boolean tree over token sequences.

A query is cut to MAX_QUERY_LENGTH characters, normalised (so operator
characters such as quotes, *, -, (), : become spaces and never reach a
full-text engine), split at spaces, and each part segmented with jieba.
Every word becomes a Seq: the phrase of its character tokens (see tokens.py),
which matches the word wherever it occurs as a substring; a word of three or
more characters may also match its whole-word token (Any), which only ranks
higher. Single Han characters left over by segmentation are glued to their
neighbour so 2020年 stays one phrase; a lone one-character query becomes a
prefix token so it finds the character anywhere.

Phrase-safe: function characters (的, 在, 和 …) inside a part are kept and glued
like any other single character, so 党的建设 and 抓在日常 are searched as the
phrases the reader typed: the text that holds them verbatim is found, and a
text that holds only the glued string (抓日常) is not. A part that is nothing but
a function character, typed between other parts (党员 的 义务), is dropped.
"""

from dataclasses import dataclass

from .normalise import is_cjk, normalise
from .segmenter import cut
from .synonyms import variants
from .tokens import MAX_TOKEN_LENGTH, runs

MAX_QUERY_LENGTH = 100

# Function characters: kept inside a part, dropped as a part of their own among others.
STOP_CHARACTERS = frozenset("的了和与及或在是之等对于把被将从向以")


@dataclass(frozen=True)
class Seq:
    """Consecutive tokens (a phrase); `prefix` marks the last token as a prefix."""

    tokens: tuple
    prefix: bool = False
    surface: str = ""  # the normalised text this phrase stands for, used for highlighting


@dataclass(frozen=True)
class Any:
    items: tuple


@dataclass(frozen=True)
class All:
    items: tuple


@dataclass(frozen=True)
class Expanded(Any):
    """A query ORed with its synonym variants: items[0] is the query as typed, so a
    backend can rank its matches above those found only through a variant."""


def _word_seq(word, autocomplete=False):
    tokens = []
    pieces = list(runs(word))
    prefix = False
    for index, (han, run) in enumerate(pieces):
        last = index == len(pieces) - 1
        if han and len(run) == 1:
            tokens.append(run)
            prefix = last
        elif han:
            tokens.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run[:MAX_TOKEN_LENGTH])
            prefix = last and autocomplete
    return Seq(tuple(tokens), prefix, word)


def _words(part):
    """jieba words of one space-free part, with lone characters merged into neighbours.

    A function character binds both neighbours (组织的建设 stays one phrase)."""
    words = [w for w in cut(part) if w.strip()]
    merged, pending, bind_next = [], "", False
    for word in words:
        single_han = len(word) == 1 and is_cjk(word)
        if (single_han or bind_next) and merged:
            merged[-1] += word
        elif single_han:
            pending += word
        else:
            merged.append(pending + word)
            pending = ""
        bind_next = single_han and word in STOP_CHARACTERS
    if pending:
        merged.append(pending)
    return merged


# Operator words typed between terms (三会一课 AND 观察员) are not searched for.
OPERATOR_WORDS = frozenset({"and", "or", "not", "near"})


def _kept_words(part, keep):
    """The words of `part`, each term of `keep` found in it kept as one word."""
    words, rest, i = [], "", 0
    while i < len(part):
        term = next((t for t in keep if part.startswith(t, i)), None)
        if term is None:
            rest += part[i]
            i += 1
            continue
        if rest:
            words.extend(_words(rest))
            rest = ""
        words.append(term)
        i += len(term)
    if rest:
        words.extend(_words(rest))
    return words


def surface_words(query, keep=()):
    """The normalised words of a query (what highlighting marks); the (normalised) terms
    of `keep` found in it stay whole words."""
    query = normalise((query or "")[:MAX_QUERY_LENGTH])
    parts = query.split()
    if len(parts) > 1:
        parts = [p for p in parts if not (len(p) == 1 and p in STOP_CHARACTERS)] or parts
    keep = sorted(keep, key=len, reverse=True)
    words = []
    for part in parts:
        words.extend(_kept_words(part, keep) if keep else _words(part))
    if len(words) > 1:
        words = [w for w in words if w not in OPERATOR_WORDS] or words
    return words


def analyse_query(query, operator="and", autocomplete=False):
    """The query tree for `query`, or None when nothing searchable is left.

    A query that holds a synonym term (synonyms.py) is ORed with its variants (Expanded)."""
    tree = _analyse(query, operator, autocomplete)
    if tree is None or autocomplete:
        return tree
    alternatives = [tree]
    for _term, _other, variant in variants(query):
        alternative = _analyse(variant, operator, autocomplete)
        if alternative is not None and alternative not in alternatives:
            alternatives.append(alternative)
    return tree if len(alternatives) == 1 else Expanded(tuple(alternatives))


def analyse_with_terms(query, terms, operator="and"):
    """The query tree with each of `terms` (normalised synonym terms found in the query)
    kept as one phrase, and no expansion: Elasticsearch's synonym_graph filter matches
    a term's phrase as a whole and adds its variants (search.backends.elasticsearch)."""
    return _analyse(query, operator, False, keep=terms)


def _analyse(query, operator, autocomplete, keep=()):
    nodes = []
    for word in dict.fromkeys(surface_words(query, keep)):  # each word once, in order
        seq = _word_seq(word, autocomplete=autocomplete)
        if not seq.tokens:
            continue
        if len(word) >= 3 and any(is_cjk(c) for c in word) and len(seq.tokens) > 1:
            nodes.append(Any((Seq((word[:MAX_TOKEN_LENGTH],), False, word), seq)))
        else:
            nodes.append(seq)
    if not nodes:
        return None
    if len(nodes) == 1:
        return nodes[0]
    return All(tuple(nodes)) if operator == "and" else Any(tuple(nodes))


def needles(node):
    """Surface strings of every phrase in the tree."""
    if isinstance(node, Seq):
        return [node.surface] if node.surface else []
    if node is None:
        return []
    return list(dict.fromkeys(surface for item in node.items for surface in needles(item)))
