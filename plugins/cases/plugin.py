"""This plugin's entry in the portal's plugin registry."""

from portal.plugins import NavItem, Plugin

from . import PLUGIN_DESCRIPTION, PLUGIN_NAME, __version__
from .frontcache import front_cache_paths

HOME_PANEL_COUNT = 5


def home_panel_context(request):
    """The home-page panel: the latest recommended cases this visitor may see."""
    from portal.scope import resolver_for

    from .models import CaseLibraryPage, InnovationCasePage

    resolver = resolver_for(request)
    library = resolver.filter(CaseLibraryPage.objects.live()).order_by("path").first()
    if library is None:
        return {"library": None, "cases": []}
    cases = (resolver.filter(InnovationCasePage.objects.live().descendant_of(library))
             .order_by("-recommendation", "-date", "-pk")[:HOME_PANEL_COUNT])
    return {"library": library, "cases": list(cases)}


def build_plugin():
    from .demo import load_demo
    from .search import search_providers

    return Plugin(
        label="cases",
        name=PLUGIN_NAME,
        description=PLUGIN_DESCRIPTION,
        version=__version__,
        urls="plugins.cases.urls",
        url_prefix="case-library/",
        front_cache_paths=front_cache_paths,
        nav_items=[NavItem("创新案例", "cases:index")],
        home_panel_template="cases/home_panel.html",
        home_panel_context=home_panel_context,
        demo_loader=load_demo,
        search_providers=search_providers(),
        # The library page may be created under the home page while this plugin is on.
        home_page_types=["cases.CaseLibraryPage"],
    )
