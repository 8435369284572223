"""Turns modelsearch query objects into our analysed query tree, and the tree into
the match syntax of SQLite FTS5 and PostgreSQL tsquery.

Tokens are letters and digits only (see search.analysis.normalise), so quoting
them is all the escaping either syntax needs.
"""

from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from search.analysis import All, Any, Seq, analyse_query

MATCH_ALL = object()


def tree_for(query, autocomplete=False):
    """Our tree for a modelsearch query; MATCH_ALL, or None when nothing can match."""
    if isinstance(query, MatchAll):
        return MATCH_ALL
    if isinstance(query, (PlainText, Fuzzy)):
        return analyse_query(query.query_string, query.operator, autocomplete=autocomplete)
    if isinstance(query, Phrase):
        return analyse_query(query.query_string, "and", autocomplete=autocomplete)
    if isinstance(query, Boost):
        return tree_for(query.subquery, autocomplete)
    if isinstance(query, (And, Or)):
        items = [tree_for(sub, autocomplete) for sub in query.subqueries]
        if isinstance(query, And):
            items = [i for i in items if i is not MATCH_ALL]
            if any(i is None for i in items):
                return None
            if not items:
                return MATCH_ALL
            return items[0] if len(items) == 1 else All(tuple(items))
        if any(i is MATCH_ALL for i in items):
            return MATCH_ALL
        items = [i for i in items if i is not None]
        if not items:
            return None
        return items[0] if len(items) == 1 else Any(tuple(items))
    if isinstance(query, Not):
        raise NotImplementedError("否定查询暂不支持。")
    raise NotImplementedError(f"Unsupported query {query!r}")


def to_fts5(node):
    if isinstance(node, Seq):
        phrase = '"' + " ".join(node.tokens) + '"'
        return phrase + " *" if node.prefix else phrase
    joiner = " AND " if isinstance(node, All) else " OR "
    return "(" + joiner.join(to_fts5(item) for item in node.items) + ")"


def _ts_token(token, prefix, weight=""):
    if prefix or weight:
        return f"'{token}':" + ("*" if prefix else "") + weight
    return f"'{token}'"


def to_tsquery(node, weight=""):
    """The tsquery for a tree; `weight` (e.g. "D") restricts every lexeme to that weight."""
    if isinstance(node, Seq):
        last = len(node.tokens) - 1
        parts = [_ts_token(t, node.prefix and i == last, weight) for i, t in enumerate(node.tokens)]
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"
    joiner = " & " if isinstance(node, All) else " | "
    return "(" + joiner.join(to_tsquery(item, weight) for item in node.items) + ")"


def columns_for(fields, default):
    """Index columns to match for a `fields=[...]` restriction."""
    if not fields:
        return default
    if default == ("autocomplete",):
        return default
    return tuple(sorted({"title" if f == "title" else "body" for f in fields}))
