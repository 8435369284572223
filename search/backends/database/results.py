"""Search results driven by the full-text index, with the caller's queryset as a filter.

The stock database backends join each page to its index entry on
CAST(page.id AS TEXT) = entry.object_id, which no index can serve: every
matching entry scans the page table. Here the match drives instead: index
entries matching the query are read through the full-text index, each is kept
only if EXISTS (the caller's queryset filtered to its primary key) -- a
primary-key probe that also applies scope and filters. Nothing is filtered
afterwards, so no count or page ever includes an item outside the queryset.

Bounded work per query, whatever the number of matches (a two-character word
can match nearly every document):

* Counting stops at COUNT_CAP + 1 matches; `count()` then returns COUNT_CAP
  and `count_capped` is True ("1,000 条以上" in the UI and the API).
* Relevance ranking reads candidates, not every match. Matches fall in two
  tiers: entries whose title matches the query, then the others. Each tier is
  read in index order (newest entry first on SQLite, table order on
  PostgreSQL) in blocks of RANK_BLOCK, and ordered by (tier, block, score),
  the score being the engine's exact relevance (bm25 / ts_rank). A page of
  results needs only the blocks up to its last position, so page 1 reads at
  most 2 x RANK_BLOCK candidates and deeper pages never reorder earlier ones.
  When a tier has no more than RANK_BLOCK matches (any ordinary site) this is
  exact relevance order.
* A query expanded with synonym variants (search.analysis.Expanded) is still one
  search, ranked in two passes of the same bounded ranking: the query as typed first
  (its own tiers, blocks and scores), then, only when that fills fewer than the
  positions asked for, the matches found through a variant alone, every one below
  every exact match, across tiers and models. Counts and facets cover the variants.
"""

from collections import OrderedDict

from django.db.models import Count, Exists, FloatField, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from modelsearch.utils import get_descendants_content_types_pks

from search.analysis import Expanded

from .tree import MATCH_ALL, columns_for, tree_for

COUNT_CAP = 1000
RANK_BLOCK = 200
LEVEL_SPACING = 1e6  # far above any bm25 / ts_rank score
VARIANT_LEVELS = 100_000  # levels below every exact match for a match through a variant only


def capped_count(queryset, cap=None):
    """(count, capped): the exact count up to `cap`; (cap, True) beyond it."""
    cap = COUNT_CAP if cap is None else cap
    found = queryset.order_by()[:cap + 1].count()
    return (cap, True) if found > cap else (found, False)


def rank(tiers, candidates, stop):
    """[(oid, rank)] in relevance order, enough to serve positions [0, stop).

    `candidates(tier, limit)` gives a tier's first [(oid, score)] in index order. rank
    folds (tier, block, score) into one number, higher first, so results of several
    models (the public search merges providers) interleave correctly."""
    limit = -(-stop // RANK_BLOCK) * RANK_BLOCK
    keyed = []
    title_oids = None  # every title match, when the title tier held fewer than `limit`
    for tier_index, tier in enumerate(tiers):
        if len(keyed) >= stop:
            break  # every row of a later tier ranks below these: not worth reading
        if tier == "rest" and title_oids is not None:
            # The plain match minus the known title matches: cheaper than making the
            # engine prove "not in the title" for every candidate.
            rows = [row for row in candidates(None, limit + len(title_oids))
                    if row[0] not in title_oids][:limit]
        else:
            rows = candidates(tier, limit)
        if tier == "title" and len(rows) < limit:
            title_oids = {row[0] for row in rows}
        for position, (oid, score) in enumerate(rows):
            level = tier_index * 10_000 + position // RANK_BLOCK
            keyed.append((oid, (score or 0.0) - LEVEL_SPACING * level))
    keyed.sort(key=lambda row: row[0], reverse=True)  # ties: newest object first
    keyed.sort(key=lambda row: row[1], reverse=True)
    return keyed[:stop]


def rank_expanded(tiers, candidates, exact_tree, stop):
    """rank() for a query ORed with its synonym variants: the query as typed ranked on
    its own, then -- only when it fills fewer than `stop` positions -- the matches found
    through a variant alone, below every exact match. `candidates(tier, limit, tree)`."""
    exact = rank(tiers, lambda tier, limit: candidates(tier, limit, exact_tree), stop)
    if len(exact) >= stop:
        return exact
    found = {oid for oid, _rank in exact}

    def variant_only(tier, limit):
        rows = candidates(tier, limit + len(found))
        return [row for row in rows if row[0] not in found][:limit]

    others = rank(tiers, variant_only, stop - len(exact))
    return exact + [(oid, value - LEVEL_SPACING * VARIANT_LEVELS) for oid, value in others]


class EntryDrivenCompilerMixin:
    """Shared by the SQLite and PostgreSQL compilers; subclasses provide
    `match_entries(tree, tier=None)` (entries matching, unannotated; tier "title" = the
    title matches, "rest" = the others), `score(tier=None)` and `newest_first` (an ordering of
    entries the index serves cheaply, or None for table order)."""

    COLUMNS = ("title", "body")
    AUTOCOMPLETE = False

    def columns(self):
        """The index columns this search reads (COLUMNS narrowed to the fields asked for)."""
        return columns_for(self.fields, self.COLUMNS)

    def check(self):
        # The caller's queryset runs as SQL, so any filter works (scope paths,
        # organisation, tags); it need not be limited to indexed FilterFields.
        pass

    def tree(self):
        if not hasattr(self, "_tree"):
            self._tree = tree_for(self.query, autocomplete=self.AUTOCOMPLETE)
        return self._tree

    def content_type_ids(self):
        return get_descendants_content_types_pks(self.queryset.model)

    def _pk_output(self):
        pk_field = self.queryset.model._meta.pk
        return pk_field.target_field if hasattr(pk_field, "target_field") else pk_field

    def entries(self, tier=None, tree=None):
        """Entries matching `tree` (default: the whole query) with `_oid` (the object's
        primary key), restricted to the caller's queryset."""
        tree = self.tree() if tree is None else tree
        entries = self.match_entries(tree, tier).annotate(
            _oid=Cast(self.object_id_path, output_field=self._pk_output()))
        allowed = self.queryset.order_by().filter(pk=OuterRef("_oid"))
        return entries.filter(Exists(allowed.values("pk")))

    def tiers(self):
        """The tiers relevance ranking reads, best first."""
        return ("title", "rest") if self.has_title_tier() else (None,)

    def has_title_tier(self):
        return False

    # More matches than this and the non-title tiers skip scoring (see the SQLite
    # compiler, where scoring costs more than matching); None: never.
    many_matches_limit = None

    def many_matches(self):
        """True when plain_matches() holds more than many_matches_limit entries: one
        query reading at most that many + 1. Asked of the whole query (with its synonym
        variants), so the query as typed, which matches no more, is ranked alike."""
        limit = self.many_matches_limit
        if limit is None:
            return False
        if not hasattr(self, "_many_matches"):
            found = self.plain_matches().order_by()[:limit + 1].count()
            self._many_matches = found > limit
        return self._many_matches

    def plain_matches(self):
        """The entries many_matches() counts: this model's matches, scope aside."""
        return self.match_entries(self.tree())

    def exact_tree(self):
        """The query as typed when the tree also holds its synonym variants, else None."""
        tree = self.tree()
        return tree.items[0] if isinstance(tree, Expanded) else None

    def candidates(self, tier, limit, tree=None, recent=None):
        """[(oid, score)] of the first `limit` matches of a tier of `tree` (default: the
        whole query) in index order. `recent` (default: many_matches(), for tiers other
        than the title tier): score 0 for all, so they keep the newest-first order of
        the index."""
        if recent is None:
            recent = tier != "title" and self.many_matches()
        tree = self.tree() if tree is None else tree
        entries = self.entries(tier, tree)  # before score(): it may read what the match set up
        entries = entries.annotate(_rank=Value(0.0, FloatField()) if recent else self.score(tier))
        order = tuple(self.newest_first or ())
        return list(entries.order_by(*order).values_list("_oid", "_rank")[:limit])

    def matched_queryset(self):
        """The caller's queryset narrowed to matching objects (for facets and ordering by field)."""
        tree = self.tree()
        if tree is None:
            return self.queryset.none()
        if tree is MATCH_ALL:
            return self.queryset
        oids = self.match_entries(tree).annotate(
            _oid=Cast(self.object_id_path, output_field=self._pk_output())).values("_oid")
        return self.queryset.filter(pk__in=Subquery(oids))


class EntryDrivenSearchResults(BaseSearchResults):
    supports_facet = True
    count_capped = False

    def _ordered_queryset(self):
        queryset = self.query_compiler.matched_queryset()
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset

    def get_queryset(self):
        return self._ordered_queryset()[self.start:self.stop]

    def _clone(self):
        clone = super()._clone()
        clone.count_capped = self.count_capped
        return clone

    def _total(self):
        """(total, capped) before slicing."""
        tree = self.query_compiler.tree()
        if tree is None:
            return 0, False
        if tree is MATCH_ALL or not self.query_compiler.order_by_relevance:
            return capped_count(self.query_compiler.matched_queryset())
        return capped_count(self.query_compiler.entries())

    def _do_count(self):
        total, self.count_capped = self._total()
        if self.stop is not None:
            total = min(total, self.stop)
        return max(0, total - self.start)

    def ranked(self, stop):
        """[(oid, rank)] in relevance order, enough to serve positions [0, stop) (see rank)."""
        compiler = self.query_compiler
        exact_tree = compiler.exact_tree()
        if exact_tree is None:
            return rank(compiler.tiers(), compiler.candidates, stop)
        return rank_expanded(compiler.tiers(), compiler.candidates, exact_tree, stop)

    def _do_search(self):
        compiler = self.query_compiler
        tree = compiler.tree()
        if tree is None:
            return []
        if tree is MATCH_ALL or not compiler.order_by_relevance:
            results = list(self.get_queryset())
            if self._score_field:
                for obj in results:
                    setattr(obj, self._score_field, None)
            return results
        if self.stop is None:  # iterating everything: serve up to the count cap
            rows = self.ranked(COUNT_CAP + 1)
            if len(rows) > COUNT_CAP:
                rows, self.count_capped = rows[:COUNT_CAP], True
            rows = rows[self.start:]
        else:
            rows = self.ranked(self.stop)[self.start:self.stop]
        if not rows:
            return []
        objects = {obj.pk: obj for obj in compiler.queryset.filter(pk__in=[r[0] for r in rows])}
        results = []
        for pk, rank in rows:
            obj = objects.get(pk)
            if obj is None:  # changed between the two queries
                continue
            if self._score_field:
                setattr(obj, self._score_field, rank)
            results.append(obj)
        return results

    def capped_groups(self, expression=None, cap=None):
        """({value: count}, capped): the matches grouped by `expression` (e.g. a year),
        counting at most `cap` + 1 matches -- the count and a facet in one query.

        Past the cap the groups cover an arbitrary part of the matches; callers show
        the capped total only (`sum(groups.values())` is then cap + 1)."""
        cap = COUNT_CAP if cap is None else cap
        compiler = self.query_compiler
        tree = compiler.tree()
        if tree is None:
            return {}, False
        if tree is MATCH_ALL or not compiler.order_by_relevance:
            matches = compiler.matched_queryset().order_by().values("pk")
        else:
            matches = compiler.entries().values("_oid")
        # The inner query already applies the caller's queryset (scope, filters).
        model = compiler.queryset.model
        rows = model._base_manager.filter(pk__in=Subquery(matches[:cap + 1])).order_by()
        if expression is None:
            groups = {None: rows.count()}
        else:
            groups = {row["_group"]: row["_n"] for row in rows.annotate(_group=expression)
                      .values("_group").annotate(_n=Count("pk"))}
        self.count_capped = sum(groups.values()) > cap
        return groups, self.count_capped

    def facet(self, field_name):
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f"index.FilterField('{field_name}') to "
                f"{self.query_compiler.queryset.model.__name__}.search_fields.",
                field_name=field_name)
        rows = (self.query_compiler.matched_queryset().order_by().values(field_name)
                .annotate(count=Count("pk")).order_by("-count"))
        return OrderedDict((row[field_name], row["count"]) for row in rows)
