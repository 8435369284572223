"""The home-page panel: open campaigns and the latest 通报 this visitor may read."""

from django.utils import timezone

from .models import Campaign
from .visibility import published_for


def home_panel_context(request):
    now = timezone.now()
    return {
        "open_campaigns": list(Campaign.objects.open_now(now).order_by("closes_at")[:3]),
        "recent_results": list(published_for(request.user)
                               .order_by("-results_published_at")[:3]),
    }
