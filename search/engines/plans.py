"""Compiled SQL of each provider's search queries, kept per page-cache generation.

A search nobody made before spent most of its CPU in the ORM: for each provider it
built and compiled a count-and-year query and one or two candidate queries, whose SQL
differs from any other search's only in the match expression (a parameter). Here the
backend builds each of them once, for a sentinel word; the statement is caught at the
cursor before it runs, and every later search runs that SQL with the sentinel's match
expression replaced by its own.

Kept under `search:plan` (caching.memo), keyed by the provider's visible, filtered
queryset as SQL with its parameters -- the requester's hidden subtrees and the filters
are in it, so two scopes never share a statement -- plus the sort and the operation.
The kept SQL is a function of that key alone (the backend adds only the model's
content types), so it cannot go stale; the generation bounds its memory.
"""

import functools

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils.functional import cached_property

from caching.memo import memoised

from ..analysis import analyse_query
from ..analysis.synonyms import variants
from ..backends.database import results as database_results
from ..backends.database.tree import to_fts5, to_tsquery

PLAN_NAME = "search:plan"
SCOPE_NAME = "search:scope-sql"
NO_MATCH = "no-match"  # the provider has nothing to match: it counts 0, runs no query
# One Latin token that no document holds; it analyses to a single phrase.
SENTINEL = "qzxplanq"
_SENTINEL_TREE = analyse_query(SENTINEL)
_PROBE_TREE = analyse_query("probe")
# Statements per plan: the plain-match read after a short title tier has its LIMIT
# (RANK_BLOCK plus the title matches) in its SQL, so a plan could otherwise keep ~200.
MAX_STATEMENTS = 64


class _Caught(Exception):
    """Carries the statement a sentinel search was about to run."""


def _catch(execute, sql, params, many, context):
    if params and any(isinstance(p, str) and SENTINEL in p for p in params):
        raise _Caught(sql, tuple(params))
    return execute(sql, params, many, context)


def _replacer(vendor, tree):
    """param -> param with the sentinel's match expression replaced by `tree`'s."""
    if vendor == "sqlite":  # the expression sits inside "{title body} : ..." strings
        old, new = to_fts5(_SENTINEL_TREE), to_fts5(tree)
        return lambda p: p.replace(old, new) if isinstance(p, str) else p
    if vendor == "postgresql":  # each tsquery is a parameter of its own
        swap = {to_tsquery(_SENTINEL_TREE, w): to_tsquery(tree, w) for w in ("", "D")}
        return lambda p: swap.get(p, p) if isinstance(p, str) else p
    return None


@functools.lru_cache(maxsize=64)
def _query_replacer(vendor, compiler_class, query, synonyms=()):
    """_replacer for the tree the backend makes of `query` (analysed once, not per provider);
    `synonyms` (the query's synonym variants, which change its tree) is part of the key."""
    tree = database_results.tree_for_query(query, compiler_class)
    if tree is None or tree is database_results.MATCH_ALL:
        return None
    return _replacer(vendor, tree)


def scope_sql(provider, params, resolver, build):
    """((alias, sql, params), queryset) for the provider's visible, filtered queryset
    (`build()`): the key of its plan, and the queryset when it was built for the key.
    The key is NO_MATCH when the provider cannot satisfy the filters or its queryset is
    empty whatever the query (e.g. no 通报 published yet).

    A page type's visible queryset depends on the requester's hidden subtrees alone
    (ScopeResolver.filter), so its SQL is kept per generation under those and the
    filters, and a search builds the queryset only to load hits or compile a statement.
    A plugin's own queryset is kept likewise under the provider's `scope_key(resolver)`
    (the public's 通报 and 承诺书, say), and built on every search when that is None."""
    def compiled(queryset):
        if queryset is None:
            return NO_MATCH
        try:
            return (queryset.db, *queryset.query.sql_with_params())
        except EmptyResultSet:
            return NO_MATCH
    if provider.queryset is None:
        depends = tuple(resolver.hidden_paths)
    else:  # a plugin's own queryset: kept only when the plugin says what it depends on
        depends = provider.scope_key(resolver) if provider.scope_key is not None else None
        if depends is None:
            queryset = build()
            return compiled(queryset), queryset
    key = (provider.key, depends, getattr(params.section, "pk", None),
           getattr(params.organisation, "pk", None), params.year, params.tag, params.advanced)
    return memoised(SCOPE_NAME, key, lambda: compiled(build())), None


class ProviderSearch:
    """One provider's part of one search. Its count, year facet and candidates come from
    kept SQL when the backend is search.backends.database, otherwise (and for ordering by
    date) from the backend's results as before; its queryset is built only when needed."""

    def __init__(self, backend, provider, params, build, scope, queryset=None):
        self.backend, self.provider, self.params = backend, provider, params
        self._build, self.scope = build, scope
        if queryset is not None:
            self.queryset = queryset
        self.by_date = params.sort == "date"
        self.plan = self._plan()

    @cached_property
    def queryset(self):
        return self._build()

    def _plan(self):
        if not issubclass(
                self.backend.results_class, database_results.EntryDrivenSearchResults):
            return None
        self.alias = self.scope[0]
        self._replace = _query_replacer(connections[self.alias].vendor,
                                        self.backend.query_compiler_class, self.params.query,
                                        tuple(variants(self.params.query)))
        if self._replace is None:
            return None
        key = (self.provider.key, self.by_date, self.scope)
        try:
            hash(key)
        except TypeError:  # a parameter that cannot be a key (none of ours)
            return None
        # A dict per key, its statements added as searches need them (see _statement).
        return memoised(PLAN_NAME, key, dict)

    @cached_property
    def results(self):
        """The backend's results for the real query (the fallback, and ordering by date)."""
        queryset = self.queryset
        if self.by_date:
            field = self.provider.date_field or "first_published_at"
            queryset = queryset.order_by(f"-{field}", "-pk")
        results = self.backend.search(self.params.query, queryset,
                                      order_by_relevance=not self.by_date)
        return results if self.by_date else results.annotate_score("_score")

    @cached_property
    def _sentinel(self):
        return self.backend.search(SENTINEL, self.queryset, order_by_relevance=not self.by_date)

    def _kept(self, op, make):
        """The plan's statement for `op`, made on first use; None: use the ORM."""
        if op in self.plan:
            return self.plan[op]
        statement = make()
        if len(self.plan) < MAX_STATEMENTS:
            self.plan[op] = statement
        return statement

    def _statement(self, op, run):
        """(sql, params) of the statement run(sentinel results) makes, caught unrun."""
        def make():
            try:
                with connections[self.alias].execute_wrapper(_catch):
                    run(self._sentinel)
            except _Caught as caught:
                return caught.args if self._replaceable(caught.args[1]) else None
            return None  # it made no statement with the sentinel
        return self._kept(op, make)

    def _replaceable(self, params):
        # Every parameter naming the sentinel must be a match expression we can swap
        # (not, say, a tag filter that happens to be the sentinel word).
        probe = _replacer(connections[self.alias].vendor, _PROBE_TREE)
        return all(probe(p) != p for p in params if isinstance(p, str) and SENTINEL in p)

    def _rows(self, statement):
        sql, params = statement
        return self._execute(sql, [self._replace(p) for p in params])

    def _execute(self, sql, params):
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def groups_statement(self, expression):
        """(sql, params) of the kept count-and-year statement for this query, or None."""
        if self.plan is None:
            return None
        statement = self._statement(("groups", expression is not None),
                                    lambda results: results.capped_groups(expression))
        if not statement:
            return None
        sql, params = statement
        return sql, [self._replace(p) for p in params]

    group_rows = None  # set by count_together

    def groups(self, expression):
        """({value: count}, capped), as EntryDrivenSearchResults.capped_groups."""
        rows = self.group_rows
        if rows is None:
            statement = self.groups_statement(expression)
            if statement is None:
                return self.results.capped_groups(expression)
            rows = self._execute(*statement)
        if expression is None:
            groups = {None: rows[0][0]}
        else:  # years: PostgreSQL's EXTRACT gives a numeric
            groups = {(None if value is None else int(value)): n for value, n in rows}
        self.count_capped = sum(groups.values()) > database_results.COUNT_CAP
        return groups, self.count_capped

    count_capped = None  # known once groups() has run

    def tiers(self):
        if self.plan is None:
            return self.results.query_compiler.tiers()
        if "tiers" not in self.plan:
            self.plan["tiers"] = self._sentinel.query_compiler.tiers()
        return self.plan["tiers"]

    @property
    def rankable(self):
        return self.plan is not None or hasattr(self.results, "ranked")

    @cached_property
    def many_matches(self):
        """The compiler's many_matches() for this search's query (no query for a backend
        that never skips scoring). Once the count is known it answers without a query:
        the visible matches passed the count cap, so the plain matches did too (the
        compiler's own check counts those, whatever the scope)."""
        limit = getattr(self.backend.query_compiler_class, "many_matches_limit", None)
        if limit is None:
            return False
        if self.count_capped is not None and limit == database_results.COUNT_CAP:
            return self.count_capped
        statement = self.plan is not None and self._statement(
            ("many", limit), lambda results: results.query_compiler.many_matches())
        if not statement:
            return self.results.query_compiler.many_matches()
        return self._rows(statement)[0][0] > limit

    def candidates(self, tier, limit):
        """A tier's first `limit` matches; read once per search (ranked() may ask twice)."""
        read = self.__dict__.setdefault("_candidates_read", {})
        if (tier, limit) not in read:
            read[tier, limit] = self._candidates(tier, limit)
        return read[tier, limit]

    def _candidates(self, tier, limit):
        recent = tier != "title" and self.many_matches
        statement = self.plan is not None and self._statement(
            ("candidates", tier, limit, recent),
            lambda results: results.query_compiler.candidates(tier, limit, recent))
        if not statement:
            return self.results.query_compiler.candidates(tier, limit, recent)
        return self._rows(statement)

    def load(self, pks):
        """The objects of `pks` that are still in the queryset (scope checked again)."""
        statement = None
        if self.plan is not None and self.provider.queryset is None:
            statement = self._kept(("load", len(pks)), lambda: self._compile_load(len(pks)))
        if statement is None:
            return list(self.queryset.order_by().filter(pk__in=pks))
        sql, params, slots = statement
        params = list(params)
        for position, index in slots:
            params[position] = pks[index]
        # A page type's queryset selects its own fields only: raw() builds the same objects.
        return list(self.provider.model_class._default_manager.raw(sql, params, using=self.alias))

    def _compile_load(self, n):
        marks = [-(10**15) - i for i in range(n)]  # no object has a negative key
        queryset = self.queryset.order_by().filter(pk__in=marks)
        sql, params = queryset.query.sql_with_params()
        index = {mark: i for i, mark in enumerate(marks)}
        slots = [(position, index[p]) for position, p in enumerate(params)
                 if isinstance(p, int) and p in index]
        return (sql, params, slots) if len(slots) == n else None

    def ranked(self, stop, first_tier_only=False):
        """[(pk, rank)] in relevance order, enough for positions [0, stop); or only the
        first tier's rows, which rank above every later tier's row of any provider."""
        tiers = self.tiers()
        return database_results.rank(tiers[:1] if first_tier_only else tiers,
                                     self.candidates, stop)


def share_many_matches(searches):
    """Give every provider of a search one many_matches answer when the backend counts
    it over the whole index (SQLite): it is the same for all, and a provider whose own
    visible matches passed the cap answers it without a query."""
    if not searches or any(search.plan is None for search in searches):
        return
    compiler = searches[0].backend.query_compiler_class
    if getattr(compiler, "many_matches_over", None) != "index":
        return
    capped = [search for search in searches if search.count_capped]
    answer = (capped[0] if capped else searches[0]).many_matches
    for search in searches:
        search.__dict__["many_matches"] = answer  # the cached_property's slot


def count_together(searches, expressions):
    """Run the kept count-and-year statements of several providers as one query (UNION
    ALL, each part tagged with its position) and hand each search its rows."""
    parts, params, owners = [], [], []
    for search, expression in zip(searches, expressions, strict=True):
        statement = search.groups_statement(expression)
        if statement is None or (owners and search.alias != owners[0][0].alias):
            continue
        index = len(parts)
        padding = "NULL, " if expression is None else ""  # the count-only statement
        parts.append(f"SELECT {index} AS _part, {padding}* FROM ({statement[0]}) AS _g{index}")
        params += statement[1]
        owners.append((search, expression is None))
    if len(parts) < 2:
        return  # nothing to merge: each runs its own
    for search, _count_only in owners:
        search.group_rows = []
    for index, year, n in owners[0][0]._execute(" UNION ALL ".join(parts), params):
        search, count_only = owners[index]
        search.group_rows.append((n,) if count_only else (year, n))
