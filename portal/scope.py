"""Disclosure scope (公开范围): the one place that decides who may see a page.

Scope is stored as Wagtail page privacy (PageViewRestriction), so the admin's
privacy switch is the only control. Every channel that lists or shows pages --
page serve, listings, previous/next links, search, feeds, sitemap, the JSON
API, attachments -- asks a ScopeResolver built for the current user, which
loads the site's (few) restrictions once per request and turns them into a
path filter for querysets and a label for each item.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.functional import cached_property

from caching.memo import memoised

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


# Both change only with events that move the page-cache generation on (a restriction,
# its groups, a branch page), so each process keeps them per generation.
def _load_restrictions():
    from wagtail.models import PageViewRestriction

    return list(
        PageViewRestriction.objects.select_related("page")
        .prefetch_related("groups")
        .order_by("page__path")
    )


def _load_alias_paths():
    from wagtail.models import Page

    return list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))


def _load_organisation_groups():
    from django.apps import apps

    Branch = apps.get_model("pages", "BranchPage")
    return dict(
        Branch.objects.exclude(members_group=None).values_list("members_group_id", "title")
    )


class ScopeResolver:
    """Answers scope questions for one user (and session) with a fixed number of queries."""

    def __init__(self, user=None, session=None):
        self.user = user
        self.session = session if session is not None else {}

    @cached_property
    def restrictions(self):
        return memoised("scope:restrictions", None, _load_restrictions)

    @cached_property
    def user_group_ids(self):
        user = self.user
        if user is None or not user.is_authenticated:
            return frozenset()
        return frozenset(user.groups.values_list("id", flat=True))

    @cached_property
    def organisation_group_names(self):
        """Maps each organisation members' group id to the organisation's name."""
        return memoised("scope:organisation-groups", None, _load_organisation_groups)

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
            return any(g.id in self.user_group_ids for g in restriction.groups.all())
        return True

    @cached_property
    def hidden_paths(self):
        """Tree paths the user may not see (each with all its descendants)."""
        return [r.page.path for r in self.restrictions if not self.passes(r)]

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
        """The view restrictions on `page` and its ancestors, as Wagtail finds them.

        Answered from the restrictions already kept per generation, so serving a page
        needs no query for them. None when an alias is involved: Wagtail then looks at
        the alias's source page, which a path prefix cannot tell.
        """
        if page.alias_of_id or any(
                page.path.startswith(path)
                for path in memoised("scope:alias-paths", None, _load_alias_paths)):
            return None
        return [r for r in self.restrictions if page.path.startswith(r.page.path)]

    def can_see(self, page):
        return not any(page.path.startswith(path) for path in self.hidden_paths)

    def refused_by_membership(self, page):
        """True when a logged-in user fails a group/login restriction on `page`.

        Such a user gains nothing from the login page (they are logged in), so
        the site answers 403 instead of Wagtail's redirect to login. Password
        restrictions are left to Wagtail's password form.
        """
        if self.user is None or not self.user.is_authenticated:
            return False
        return any(
            page.path.startswith(r.page.path) and not self.passes(r)
            and r.restriction_type != r.PASSWORD
            for r in self.restrictions
        )

    def scope_of(self, page):
        best = PUBLIC_SCOPE
        for restriction in self.restrictions:
            if page.path.startswith(restriction.page.path):
                scope = self._scope_for_restriction(restriction)
                if _RANK[scope.kind] >= _RANK[best.kind]:
                    best = scope
        return best

    def _scope_for_restriction(self, restriction):
        if restriction.restriction_type == restriction.LOGIN:
            return Scope(PARTY)
        if restriction.restriction_type == restriction.PASSWORD:
            return Scope(SPECIFIC, ("凭密码访问",))
        groups = list(restriction.groups.all())
        if any(g.name == ALL_MEMBERS_GROUP for g in groups):
            return Scope(PARTY)
        org_names = self.organisation_group_names
        if groups and all(g.id in org_names for g in groups):
            return Scope(ORGANISATION, tuple(org_names[g.id] for g in groups))
        return Scope(SPECIFIC, tuple(g.name for g in groups))


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
