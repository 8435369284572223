"""Searchable results: published 通报 the requesting user may read.

`search_results(request, query)` is registered as the plugin's search provider
when the plugin mechanism offers `search_providers`; `searchable_campaigns(user)`
is the scope-filtered queryset for any other channel (API, feeds, counts).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .models import Campaign
from .visibility import published_for

RESULT_TYPE = "群众评议通报"


def searchable_campaigns(user):
    return published_for(user, Campaign.objects.all())


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
