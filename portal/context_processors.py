from django.utils.functional import SimpleLazyObject

from .plugins import registry
from .scope import resolver_for


def _main_navigation(request):
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return []
    children = site.root_page.get_children().live().in_menu().order_by("path")
    return list(resolver_for(request).filter(children)
                .only("id", "title", "path", "depth", "url_path"))


def _site_footer(request):
    from wagtail.models import Site

    from .models import PortalSettings

    site = Site.find_for_request(request)
    if site is None:
        return {"settings": None, "links": []}
    settings = PortalSettings.for_site(site)
    return {"settings": settings, "links": list(settings.footer_links.all())}


def portal(request):
    """Navigation and footer are lazy: a template that serves them from `{% cache %}`
    never reads them. `scope_key` names what the requester may see, for such caches."""
    return {
        "main_navigation": SimpleLazyObject(lambda: _main_navigation(request)),
        "site_footer": SimpleLazyObject(lambda: _site_footer(request)),
        "scope_key": SimpleLazyObject(lambda: "|".join(resolver_for(request).hidden_paths)),
        "plugin_nav_items": registry.nav_items(),
    }
