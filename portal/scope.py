"""Disclosure scope (公开范围): the one place that decides who may see a page.

Scope is stored as Wagtail page privacy (PageViewRestriction), so the admin's
privacy switch is the only control. Every channel that lists or shows pages --
page serve, listings, previous/next links, search, feeds, sitemap, the JSON
API, attachments -- asks a ScopeResolver built for the current user, which
loads the site's (few) restrictions once per request and turns them into a
path filter for querysets and a label for each item.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter

from django.db.models import F, Q
from django.utils.functional import cached_property

# The group every party member belongs to; a restriction to it is 党内公开.
ALL_MEMBERS_GROUP = "全体党员"

PUBLIC, PARTY, ORGANISATION, SPECIFIC = "public", "party", "organisation", "specific"

SCOPE_LABELS = {
    PUBLIC: "向社会公开",
    PARTY: "党内公开",
    ORGANISATION: "本组织公开",
    SPECIFIC: "特定对象公开",
}
# Narrower scopes win when a page and its ancestors are restricted differently.
_RANK = {PUBLIC: 0, PARTY: 1, ORGANISATION: 2, SPECIFIC: 3}


@dataclass(frozen=True)
class Scope:
    kind: str
    names: tuple = field(default=())

    @property
    def label(self):
        return SCOPE_LABELS[self.kind]

    @property
    def detail(self):
        return "、".join(self.names)

    @property
    def is_public(self):
        return self.kind == PUBLIC

    def __str__(self):
        return f"{self.label}（{self.detail}）" if self.detail else self.label


PUBLIC_SCOPE = Scope(PUBLIC)
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # Wagtail's tree paths (base 36)


def subtree_range(path):
    """(low, high): `path` and its descendants are exactly the paths with low <= p < high.

    high is the next path of the same length (base-36 increment), so the bounds are
    short and compare the same way under any collation of digits and capitals.
    """
    digits = list(path)
    for i in range(len(digits) - 1, -1, -1):
        position = PATH_ALPHABET.index(digits[i])
        if position + 1 < len(PATH_ALPHABET):
            digits[i] = PATH_ALPHABET[position + 1]
            return path, "".join(digits[: i + 1])
        digits[i] = PATH_ALPHABET[0]
    return path, "\uffff"  # path is all Zs: nothing follows it


def subtree_q(path, prefix=""):
    low, high = subtree_range(path)
    return Q(**{f"{prefix}path__gte": low, f"{prefix}path__lt": high})


class ScopeResolver:
    """Answers scope questions for one user (and session) with a fixed number of queries."""

    def __init__(self, user=None, session=None):
        self.user = user
        self.session = session if session is not None else {}

    @cached_property
    def restrictions(self):
        """Every view restriction of the site, in the order of their pages' paths, each with
        its page's path as `page_path` and the (id, name) of the groups it admits as
        `admitted_groups` (two queries: plain rows, no page or group instances)."""
        from wagtail.models import PageViewRestriction

        groups = defaultdict(list)
        for restriction_id, group_id, name in (
                PageViewRestriction.groups.through.objects.order_by("group_id")
                .values_list("pageviewrestriction_id", "group_id", "group__name")):
            groups[restriction_id].append((group_id, name))
        restrictions = list(PageViewRestriction.objects.annotate(page_path=F("page__path")))
        for restriction in restrictions:
            restriction.admitted_groups = groups[restriction.id]
        # Sorted here: ORDER BY the page's path would have SQLite walk the path index of
        # every page of the site to meet a handful of restrictions.
        return sorted(restrictions, key=attrgetter("page_path", "id"))

    @cached_property
    def user_groups(self):
        """{group id: group name} of the user's groups (one query)."""
        user = self.user
        if user is None or not user.is_authenticated:
            return {}
        return dict(user.groups.values_list("id", "name"))

    @cached_property
    def user_group_ids(self):
        return frozenset(self.user_groups)

    @cached_property
    def audiences(self):
        """Who the user counts as, for items that carry their own scope instead of a place
        in the page tree (a plugin's 承诺书 in an external search index, say): "public"
        for everyone, "party" for members of 全体党员, "group:<id>" for each of their
        groups, and "superuser". See search.providers.IndexScope."""
        keys = ["public"]
        if ALL_MEMBERS_GROUP in self.user_groups.values():
            keys.append("party")
        keys += [f"group:{pk}" for pk in sorted(self.user_groups)]
        if self.user is not None and self.user.is_superuser:
            keys.append("superuser")
        return keys

    @cached_property
    def organisation_group_names(self):
        """Maps each organisation members' group id to the organisation's name."""
        from django.apps import apps

        branches = apps.get_model("pages", "BranchPage").objects.exclude(members_group=None)
        return dict(branches.values_list("members_group_id", "title"))

    def passes(self, restriction):
        user = self.user
        if restriction.restriction_type == restriction.PASSWORD:
            passed = self.session.get(restriction.passed_view_restrictions_session_key, [])
            return restriction.id in passed
        if restriction.restriction_type == restriction.LOGIN:
            return bool(user and user.is_authenticated)
        if restriction.restriction_type == restriction.GROUPS:
            if user is not None and user.is_superuser:
                return True
            return any(pk in self.user_group_ids for pk, _ in restriction.admitted_groups)
        return True

    @cached_property
    def hidden_paths(self):
        """Tree paths the user may not see (each with all its descendants).

        An alias shows its source page's content and obeys the source's restrictions
        (Wagtail checks them when serving it), so an alias of a page in a hidden subtree
        is hidden too, wherever it stands in the tree.
        """
        hidden = [r.page_path for r in self.restrictions if not self.passes(r)]
        if hidden:
            hidden += [alias for alias, source in self.aliases.items()
                       if any(source.startswith(path) for path in hidden)]
        return hidden

    @cached_property
    def aliases(self):
        """{alias path: source path}; only needed when something is restricted."""
        if not self.restrictions:
            return {}
        from wagtail.models import Page

        # A range on the alias_of index, unordered: IS NOT NULL or the pages' default
        # order by path make SQLite scan every page (a page id is never below 1).
        return dict(Page.objects.filter(alias_of__gte=1).order_by()
                    .values_list("path", "alias_of__path"))

    def paths_of(self, path):
        """The paths whose restrictions apply to the page at `path`: its own, and for an
        alias (or a page below one) the source's, since an alias shows its source's content."""
        return [path] + [source for alias, source in self.aliases.items()
                         if path.startswith(alias)]

    def visible_q(self, prefix=""):
        # A subtree is a range of paths (tree paths use only 0-9 and A-Z): a range test
        # can use the path index and costs far less per row than LIKE 'prefix%'.
        q = Q()
        for path in self.hidden_paths:
            q &= ~subtree_q(path, prefix)
        return q

    def filter(self, queryset):
        """Narrow a Page queryset to what the user may see."""
        if not self.hidden_paths:
            return queryset
        return queryset.filter(self.visible_q())

    def restrictions_on(self, page):
        """The view restrictions that apply to serving `page`.

        Answered from the restrictions the resolver has loaded. For an alias these are its own and its ancestors' plus
        its source's and the source's ancestors' -- stricter than Wagtail alone, which
        looks at the source page itself but not at the subtree it stands in.
        """
        return self.restrictions_at(page.path)

    def restrictions_at(self, path):
        """restrictions_on() for the page at `path`."""
        paths = self.paths_of(path)
        return [r for r in self.restrictions
                if any(p.startswith(r.page_path) for p in paths)]

    def can_see(self, page):
        return not any(page.path.startswith(path) for path in self.hidden_paths)

    def scope_of(self, page):
        return self.scope_at(page.path)

    def scope_at(self, path):
        """scope_of() the page at `path`."""
        best = PUBLIC_SCOPE
        for restriction in self.restrictions_at(path):
            scope = self._scope_for_restriction(restriction)
            if _RANK[scope.kind] >= _RANK[best.kind]:
                best = scope
        return best

    def _scope_for_restriction(self, restriction):
        if restriction.restriction_type == restriction.LOGIN:
            return Scope(PARTY)
        if restriction.restriction_type == restriction.PASSWORD:
            return Scope(SPECIFIC, ("凭密码访问",))
        groups = restriction.admitted_groups
        if any(name == ALL_MEMBERS_GROUP for _, name in groups):
            return Scope(PARTY)
        org_names = self.organisation_group_names
        if groups and all(pk in org_names for pk, _ in groups):
            return Scope(ORGANISATION, tuple(org_names[pk] for pk, _ in groups))
        return Scope(SPECIFIC, tuple(name for _, name in groups))


class AnonymousScopeResolver(ScopeResolver):
    """What the public sees: used by feeds, the sitemap and shared caches."""

    def __init__(self):
        super().__init__(user=None, session={})


def resolver_for(request):
    """The resolver for this request, built once and kept on it."""
    resolver = getattr(request, "_scope_resolver", None)
    if resolver is None:
        session = getattr(request, "session", None)
        resolver = ScopeResolver(getattr(request, "user", None), session)
        request._scope_resolver = resolver
    return resolver
