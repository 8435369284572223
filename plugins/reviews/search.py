"""Searchable results: published 通报 the requesting user may read.

`search_provider()` is the plugin's entry for the site search (search/providers.py);
`searchable_campaigns(user)` is the scope-filtered queryset any other channel can use,
and `search_results(request, query)` a plain list for callers without the search app.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .constants import SCOPE_ORGANISATION, SCOPE_PARTY, SCOPE_PUBLIC
from .models import Campaign
from .visibility import published_for

RESULT_TYPE = "群众评议通报"


def searchable_campaigns(user):
    return published_for(user, Campaign.objects.all())


def _visible_for_resolver(resolver):
    from django.contrib.auth.models import AnonymousUser

    user = getattr(resolver, "user", None) or AnonymousUser()
    ids = list(searchable_campaigns(user).values_list("pk", flat=True))
    return Campaign.objects.filter(pk__in=ids)


def _index_scope(campaign):
    """Who may find a 通报 in an external search index: published_for() in the shared
    ScopeResolver's terms; shown from the moment the campaign closes."""
    from search.providers import IndexScope

    if campaign.results_published_at is None:
        return IndexScope()  # no 通报 yet: nobody
    audiences = ["superuser"]
    if campaign.publication_scope == SCOPE_PUBLIC:
        audiences.append("public")
    elif campaign.publication_scope == SCOPE_PARTY:
        audiences.append("party")
    elif (campaign.publication_scope == SCOPE_ORGANISATION and campaign.scope_organisation_id
          and campaign.scope_organisation.members_group_id):
        audiences.append(f"group:{campaign.scope_organisation.members_group_id}")
    return IndexScope(tuple(audiences), visible_from=campaign.closes_at)


def search_provider():
    """The plugin's search.providers.SearchProvider for the site search."""
    from search.providers import SearchProvider

    return SearchProvider("reviews", RESULT_TYPE, "reviews.Campaign",
                          date_field="results_published_at", queryset=_visible_for_resolver,
                          index_scope=_index_scope, order=60)


def search_results(request, query, limit=20):
    """Dicts shaped like the search API's results: title, url, type, date, snippet."""
    query = (query or "").strip()
    if not query:
        return []
    user = getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    matches = searchable_campaigns(user).filter(
        Q(title__icontains=query) | Q(period__icontains=query) | Q(bulletin__icontains=query)
        | Q(targets__name__icontains=query)
        | Q(rectifications__problem__icontains=query)
    ).distinct().order_by("-results_published_at")[:limit]
    return [{
        "title": f"{c.title}结果通报",
        "url": reverse("reviews:results", args=[c.slug]),
        "type": RESULT_TYPE,
        "date": timezone.localtime(c.results_published_at).date().isoformat(),
        "snippet": (c.bulletin or c.intro or c.period)[:120],
    } for c in matches]
