"""Search results driven by the full-text index, with the caller's queryset as a filter.

The stock database backends join each page to its index entry on
CAST(page.id AS TEXT) = entry.object_id, which no index can serve: every
matching entry scans the page table. Here the match drives instead: index
entries matching the query are read through the full-text index, each is kept
only if EXISTS (the caller's queryset filtered to its primary key) -- a
primary-key probe that also applies scope and filters -- and scored, counted
and paginated in that one query. Only the page of results is then loaded
through the caller's queryset. Counts, pages and facets are exact; nothing is
filtered afterwards.
"""

from collections import OrderedDict

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from modelsearch.utils import get_descendants_content_types_pks

from .tree import MATCH_ALL


class EntryDrivenCompilerMixin:
    """Shared by the SQLite and PostgreSQL compilers; subclasses provide
    `match_entries(tree)` (entries matching, unannotated) and `score()`."""

    AUTOCOMPLETE = False

    def check(self):
        # The caller's queryset runs as SQL, so any filter works (scope paths,
        # organisation, tags); it need not be limited to indexed FilterFields.
        pass

    def tree(self):
        from .tree import tree_for

        if not hasattr(self, "_tree"):
            self._tree = tree_for(self.query, autocomplete=self.AUTOCOMPLETE)
        return self._tree

    def content_type_ids(self):
        return get_descendants_content_types_pks(self.queryset.model)

    def entries(self):
        """Matching entries with `_oid` (the object's primary key), restricted to the caller's queryset."""
        pk_field = self.queryset.model._meta.pk
        entries = self.match_entries(self.tree()).annotate(
            _oid=Cast(self.object_id_path, output_field=pk_field.target_field
                      if hasattr(pk_field, "target_field") else pk_field))
        allowed = self.queryset.order_by().filter(pk=OuterRef("_oid"))
        return entries.filter(Exists(allowed.values("pk")))

    def matched_queryset(self):
        """The caller's queryset narrowed to matching objects (for facets and ordering by field)."""
        tree = self.tree()
        if tree is None:
            return self.queryset.none()
        if tree is MATCH_ALL:
            return self.queryset
        pk_field = self.queryset.model._meta.pk
        oids = self.match_entries(tree).annotate(
            _oid=Cast(self.object_id_path, output_field=pk_field.target_field
                      if hasattr(pk_field, "target_field") else pk_field)).values("_oid")
        return self.queryset.filter(pk__in=Subquery(oids))


class EntryDrivenSearchResults(BaseSearchResults):
    supports_facet = True

    def _ordered_queryset(self):
        queryset = self.query_compiler.matched_queryset()
        if not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset

    def get_queryset(self):
        return self._ordered_queryset()[self.start:self.stop]

    def _do_count(self):
        tree = self.query_compiler.tree()
        if tree is None:
            return 0
        if tree is MATCH_ALL or not self.query_compiler.order_by_relevance:
            return self.query_compiler.matched_queryset().count()
        total = self.query_compiler.entries().count()
        if self.stop is not None:
            total = min(total, self.stop)
        return max(0, total - self.start)

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
        rows = list(compiler.entries().annotate(_rank=compiler.score())
                    .order_by("-_rank", "-_oid").values_list("_oid", "_rank")
                    [self.start:self.stop])
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
