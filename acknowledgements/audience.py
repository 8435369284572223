"""Who must read a 需阅知 notice: its audience (all members, or chosen organisations and
those below them), narrowed to the people the notice's own scope lets see it. A member
outside the notice's scope is never asked, listed or told about it."""

from django.db.models import Q

from members.membership import (
    all_members,
    is_party_member,
    member_organisations,
    organisation_members,
)
from portal.scope import ScopeResolver

from .models import ALL_MEMBERS, ReadRequest


def within_page_scope(page, users):
    """Narrow a User queryset to those the page's view restrictions admit."""
    for restriction in ScopeResolver().restrictions_on(page):
        if restriction.restriction_type == restriction.PASSWORD:
            return users.none()
        if restriction.restriction_type == restriction.GROUPS:
            users = users.filter(Q(groups__in=restriction.groups.all()) | Q(is_superuser=True))
    return users.distinct()


def audience_users(read_request):
    """Active accounts that must read the notice (none while it is not live)."""
    page = read_request.page
    if read_request.audience == ALL_MEMBERS:
        users = all_members()
    else:
        users = organisation_members(read_request.organisations.all())
    if not page.live:
        return users.none()
    return within_page_scope(page, users)


def in_audience(read_request, user, organisation_paths):
    if read_request.audience == ALL_MEMBERS:
        return True
    return any(path.startswith(org.path) for org in read_request.organisations.all()
               for path in organisation_paths)


def requests_for(user):
    """The live 需阅知 notices `user` must read, newest first."""
    if not is_party_member(user):
        return []
    paths = list(member_organisations(user).values_list("path", flat=True))
    resolver = ScopeResolver(user)
    candidates = (ReadRequest.objects.filter(page__live=True)
                  .select_related("page").prefetch_related("organisations"))
    return [r for r in candidates
            if in_audience(r, user, paths) and resolver.can_see(r.page)]


def request_for(user, pk):
    """One request `user` must read, or None (also for one outside their scope)."""
    return next((r for r in requests_for(user) if r.pk == pk), None)
