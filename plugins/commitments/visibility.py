"""Disclosure scope of 承诺书 and their items, built on portal.scope.

A published 承诺书 is seen by everyone (向社会公开), by members (党内公开) or by
the members of its organisation (本组织公开); and never by anyone who may not
see its organisation's page (Wagtail page privacy on the BranchPage).
Every list, count, chart, export and page of this plugin goes through here.
"""

from django.contrib.auth.models import Group
from django.db.models import Q

from portal.scope import ALL_MEMBERS_GROUP, ORGANISATION, PARTY, PUBLIC, resolver_for


class PledgeVisibility:
    def __init__(self, resolver):
        self.resolver = resolver
        self.user = resolver.user

    @classmethod
    def for_request(cls, request):
        return cls(resolver_for(request))

    def _is_member(self):
        if self.user is None or not self.user.is_authenticated:
            return False
        ids = self.resolver.user_group_ids
        return bool(ids) and Group.objects.filter(pk__in=ids, name=ALL_MEMBERS_GROUP).exists()

    def pledge_q(self, prefix=""):
        """Q over Pledge (or, with prefix "pledge__", over items) for published, in-scope ones."""
        p = prefix
        user = self.user
        q = Q(**{f"{p}published_revision__gt": 0})
        if user is not None and user.is_authenticated and user.is_superuser:
            return q
        allowed = Q(**{f"{p}scope": PUBLIC})
        if self._is_member():
            allowed |= Q(**{f"{p}scope": PARTY})
        group_ids = self.resolver.user_group_ids
        if group_ids:
            allowed |= Q(**{f"{p}scope": ORGANISATION,
                            f"{p}organisation__members_group_id__in": group_ids})
        q &= allowed
        for path in self.resolver.hidden_paths:
            q &= ~Q(**{f"{p}organisation__path__startswith": path})
        return q

    def pledges(self, queryset):
        return queryset.filter(self.pledge_q())

    def items(self, queryset):
        return queryset.filter(self.pledge_q("pledge__"))

    def can_see(self, pledge):
        from .models import Pledge

        return Pledge.objects.filter(self.pledge_q(), pk=pledge.pk).exists()

    def scope_of(self, pledge):
        """The label to show: the narrower of the 承诺书's scope and its organisation page's."""
        from portal.scope import _RANK

        own = pledge.scope_object()
        page = self.resolver.scope_of(pledge.organisation)
        return page if _RANK[page.kind] > _RANK[own.kind] else own
