"""Per-request lookups that Wagtail repeats on every page, answered from the memo."""

from django.http.request import split_domain_port
from wagtail.models import Site

from caching.memo import memoised


class KnownSiteMiddleware:
    """Finds the request's Wagtail site (with its root page) once per cache generation.

    Wagtail looks the site up by host on every request and then specialises the root
    page to start routing: two queries before any page is found. Sites and the home
    page move the page-cache generation on when they change, so the resolved site --
    root page already specialised -- is kept and put where Site.find_for_request
    looks for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            key = (split_domain_port(request._get_raw_host())[0], request.get_port())
            request._wagtail_site = memoised("wagtail-site", key, lambda: _load(request))
        return self.get_response(request)


def _load(request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 -- cached on the instance for routing
    return site
