"""Disclosure scope of 承诺书 and their items, built on portal.scope.

A published 承诺书 is seen by everyone (向社会公开), by members (党内公开) or by
the members of its organisation (本组织公开); and never by anyone who may not
see its organisation's page (Wagtail page privacy on the BranchPage).
Every list, count, chart, export and page of this plugin goes through here.
"""

from django.db.models import Q
from django.utils.functional import cached_property

from portal.scope import ALL_MEMBERS_GROUP, ORGANISATION, PARTY, PUBLIC, resolver_for, subtree_q


class PledgeVisibility:
    def __init__(self, resolver):
        self.resolver = resolver
        self.user = resolver.user

    @classmethod
    def for_request(cls, request):
        """One per request, shared by the view, its panels and its templates."""
        visibility = getattr(request, "_pledge_visibility", None)
        if visibility is None:
            visibility = cls(resolver_for(request))
            request._pledge_visibility = visibility
        return visibility

    @cached_property
    def _is_superuser(self):
        return bool(self.user is not None and self.user.is_authenticated
                    and self.user.is_superuser)

    @cached_property
    def _is_member(self):
        return ALL_MEMBERS_GROUP in self.resolver.user_groups.values()

    def pledge_q(self, prefix=""):
        """Q over Pledge (or, with prefix "pledge__", over items) for published, in-scope ones."""
        p = prefix
        q = Q(**{f"{p}published_revision__gt": 0})
        if self._is_superuser:
            return q
        allowed = Q(**{f"{p}scope": PUBLIC})
        if self._is_member:
            allowed |= Q(**{f"{p}scope": PARTY})
        if self.member_organisation_ids:
            allowed |= Q(**{f"{p}scope": ORGANISATION,
                            f"{p}organisation_id__in": self.member_organisation_ids})
        q &= allowed
        if self.hidden_organisation_ids:
            q &= ~Q(**{f"{p}organisation_id__in": self.hidden_organisation_ids})
        return q

    # Resolved once into id lists, so the item queries need no join to the page tables.
    @cached_property
    def member_organisation_ids(self):
        group_ids = self.resolver.user_group_ids
        if not group_ids:
            return []
        from pages.models import BranchPage

        return list(BranchPage.objects.filter(members_group_id__in=group_ids)
                    .values_list("pk", flat=True))

    @cached_property
    def hidden_organisation_ids(self):
        paths = tuple(self.resolver.hidden_paths)
        if not paths:
            return []
        from pages.models import BranchPage

        under = Q()
        for path in paths:
            under |= subtree_q(path)
        return list(BranchPage.objects.filter(under).values_list("pk", flat=True))

    def scope_key(self):
        """All that pledge_q() depends on, so viewers with the same scope share kept
        roll-ups: (superuser?, member?, own organisations, hidden organisations)."""
        return (self._is_superuser, self._is_member, sorted(self.member_organisation_ids),
                sorted(self.hidden_organisation_ids))

    def pledges(self, queryset):
        return queryset.filter(self.pledge_q())

    def items(self, queryset):
        return queryset.filter(self.pledge_q("pledge__"))

    def can_see(self, pledge):
        from .models import Pledge

        return Pledge.objects.filter(self.pledge_q(), pk=pledge.pk).exists()

    def scope_of(self, pledge):
        """The label to show: the narrower of the 承诺书's scope and its organisation page's."""
        return self.narrower(pledge.scope_object(), pledge.organisation)

    def narrower(self, own, organisation):
        """`own` scope, or the organisation page's (anything with .path) if that is narrower."""
        from portal.scope import _RANK

        page = self.resolver.scope_of(organisation)
        return page if _RANK[page.kind] > _RANK[own.kind] else own
