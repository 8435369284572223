"""Per-request lookups that Wagtail repeats on every page, answered from the memo."""

from django.http.request import split_domain_port

from caching import memo


class KnownSiteMiddleware:
    """Gives Wagtail the request's site (with its root page) kept per cache generation.

    Wagtail looks the site up by host on every page request and then specialises the
    root page to start routing: two queries before any page is found. Sites and the home
    page move the page-cache generation on when they change, so the site Wagtail found
    -- root page specialised -- is kept after the first page request, and later requests
    find it where Site.find_for_request looks. Requests that never ask for the site
    (static files, plugin views, the API) cost nothing here and touch no database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        generation, site = memo.lookup("wagtail-site", key)
        if site is not memo.MISSING:
            request._wagtail_site = site
        response = self.get_response(request)
        if site is memo.MISSING and getattr(request, "_wagtail_site", None) is not None:
            found = request._wagtail_site
            found.root_page.specific  # noqa: B018 -- cached on the instance for routing
            memo.keep("wagtail-site", key, found, generation)
        return response
