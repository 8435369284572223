from django.utils.functional import SimpleLazyObject

from caching.memo import memoised

from .plugins import registry
from .scope import resolver_for


def _main_navigation(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return []
    resolver = resolver_for(request)

    def build():
        children = site.root_page.get_children().live().in_menu().order_by("path")
        return list(resolver.filter(children).only("id", "title", "path", "depth", "url_path"))

    # Same menu for everyone who may see the same pages: kept per generation.
    return memoised("main-navigation", (site.pk, tuple(resolver.hidden_paths)), build)


def _site_footer(request):
    from wagtail.models import Site

    from .models import PortalSettings

    site = Site.find_for_request(request)
    if site is None:
        return {"settings": None, "links": []}

    def build():
        settings = PortalSettings.for_site(site)
        return {"settings": settings, "links": list(settings.footer_links.all())}

    # Site settings and footer links are portal models: saving one moves the generation on.
    return memoised("site-footer", site.pk, build)


def portal(request):
    return {
        "main_navigation": SimpleLazyObject(lambda: _main_navigation(request)),
        "site_footer": SimpleLazyObject(lambda: _site_footer(request)),
        "plugin_nav_items": [item for p in registry.enabled() for item in p.nav_items],
    }
