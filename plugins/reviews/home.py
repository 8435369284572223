"""The home-page panel: open campaigns and the latest 通报 this visitor may read."""

from django.utils import timezone

from .models import Campaign
from .visibility import published_for


def home_panel_context(request):
    """`audience` names what decides the panel: the minute (campaigns open and close by
    the clock) and the requester's groups; the template keeps the panel under it and the
    page-cache generation (any write to a campaign moves it on), so the lists are read
    only when the kept copy is missing."""
    from django.utils.functional import SimpleLazyObject

    from portal.scope import resolver_for

    now = timezone.now()
    return {
        "audience": "|".join([now.strftime("%Y%m%d%H%M"), *resolver_for(request).audiences]),
        "open_campaigns": SimpleLazyObject(
            lambda: list(Campaign.objects.open_now(now).order_by("closes_at")[:3])),
        "recent_results": SimpleLazyObject(
            lambda: list(published_for(request.user).order_by("-results_published_at")[:3])),
    }
