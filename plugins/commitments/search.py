"""What the site search sees of this plugin: published 承诺书 within the requester's scope.

`provider()` is the SearchProvider listed in this plugin's registry entry
(search_providers); `search_pledges()` is a plain text match over the same
visible queryset, for callers that do not go through the search app.
"""

from django.db.models import Q

from portal.scope import ORGANISATION, PARTY, PUBLIC

from .models import Pledge
from .visibility import PledgeVisibility


def visible_pledges(resolver):
    """Every published 承诺书 the resolver's user may see (scope applied in SQL)."""
    return PledgeVisibility(resolver).pledges(
        Pledge.objects.select_related("period", "organisation", "member"))


def index_scope(pledge):
    """Who may find a 承诺书 in an external search index: the audiences of
    PledgeVisibility.pledge_q in the shared ScopeResolver's terms, and the path of its
    organisation's page (a hidden organisation hides its 承诺书)."""
    from search.providers import IndexScope

    if not pledge.published_revision:
        return IndexScope()  # never published: nobody
    audiences = ["superuser"]
    if pledge.scope == PUBLIC:
        audiences.append("public")
    elif pledge.scope == PARTY:
        audiences.append("party")
    elif pledge.scope == ORGANISATION and pledge.organisation.members_group_id:
        audiences.append(f"group:{pledge.organisation.members_group_id}")
    return IndexScope(tuple(audiences), path=pledge.organisation.path)


def search_pledges(query, resolver):
    query = (query or "").strip()
    if not query:
        return Pledge.objects.none()
    text = (Q(items__content__icontains=query) | Q(items__measures__icontains=query)
            | Q(organisation__title__icontains=query) | Q(period__name__icontains=query)
            | Q(member__first_name__icontains=query))
    return visible_pledges(resolver).filter(text).distinct().order_by("-published_at")


def provider():
    from search.providers import SearchProvider

    return SearchProvider("commitment", "承诺践诺", "commitments.Pledge",
                          date_field="published_at", organisation_field="organisation",
                          queryset=visible_pledges,
                          index_scope=index_scope, order=40)
