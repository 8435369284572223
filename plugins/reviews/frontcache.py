"""Public addresses showing a row of this plugin, for the front cache's purges."""

from django.urls import reverse


def front_cache_paths(obj):
    """The campaign list and the campaign's form and results; None (everything) for rows
    that are not about one campaign."""
    from wagtail.models import Page

    from .models import Campaign

    if isinstance(obj, Page):
        return ()
    campaign = obj if isinstance(obj, Campaign) else getattr(obj, "campaign", None)
    if not isinstance(campaign, Campaign):
        return None
    return [reverse("reviews:index"), reverse("reviews:form", args=[campaign.slug]),
            reverse("reviews:results", args=[campaign.slug])]
