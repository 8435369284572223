from django.utils.functional import SimpleLazyObject

from .plugins import registry
from .scope import resolver_for


def _main_navigation(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    children = root.get_children().live().in_menu().order_by("path")
    return list(resolver_for(request).filter(children).specific())


def portal(request):
    return {
        "main_navigation": SimpleLazyObject(lambda: _main_navigation(request)),
        "plugin_nav_items": [item for p in registry.enabled() for item in p.nav_items],
    }
