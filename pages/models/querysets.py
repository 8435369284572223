"""Tree filters as path ranges instead of LIKE 'prefix%'.

Wagtail's child_of/descendant_of/sibling_of filter on ``path LIKE 'prefix%'``, which
SQLite cannot answer from the path index (its LIKE is case-insensitive), so each
listing scanned every page. A subtree is also a range of paths -- tree paths use only
0-9 and A-Z -- and a range uses the index on SQLite and PostgreSQL alike.
"""

from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from portal.scope import subtree_q


class PortalPageQuerySet(PageQuerySet):
    def descendant_of_q(self, other, inclusive=False):
        q = subtree_q(other.path) & Q(depth__gte=other.depth)
        if not inclusive:
            q &= ~Q(pk=other.pk)
        return q

    def sibling_of_q(self, other, inclusive=True):
        parent_path = self.model._get_parent_path_from_path(other.path)
        q = subtree_q(parent_path) & Q(depth=other.depth)
        if not inclusive:
            q &= ~Q(pk=other.pk)
        return q


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)
