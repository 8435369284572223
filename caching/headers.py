"""Cache-Control for shared caches in front of the portal (the front cache, docs/caching.md).

The same rules as the page cache decide (caching.middleware): a response the page cache
may store -- an anonymous GET of an unrestricted page, no form token, no cookie -- says
`public, max-age=0, s-maxage=N` and `Vary: Cookie`: a shared cache may keep it N
seconds (it is purged on every change, caching.frontcache), a browser asks again each
time. A response to a request carrying a session (or any other personal cookie or an
Authorization header), a restricted page, a page with a form token, or a response setting
a cookie says `private, no-store`. Anything else (redirects, 404s, POSTs) keeps what the
view said; the front cache stores nothing not marked public.

N is PORTAL_FRONT_CACHE_SECONDS: 600 when a front cache is purged (WAGTAILFRONTENDCACHE
set), else 0, so a shared cache nobody purges never keeps a page.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

from .middleware import is_marked_uncacheable, request_is_cacheable, response_is_cacheable


def shared_cache_seconds():
    default = 600 if getattr(settings, "WAGTAILFRONTENDCACHE", None) else 0
    return getattr(settings, "PORTAL_FRONT_CACHE_SECONDS", default)


def is_personal(request, response):
    """True when the response must never be stored by anyone but the requester's browser."""
    neutral = {settings.CSRF_COOKIE_NAME}
    return (
        any(name not in neutral for name in request.COOKIES)
        or "HTTP_AUTHORIZATION" in request.META
        or is_marked_uncacheable(request)
        or bool(request.META.get("CSRF_COOKIE_USED"))
        or bool(response.cookies)
    )


class SharedCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request_is_cacheable(request) and response_is_cacheable(request, response):
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, public=True, max_age=0,
                                    s_maxage=shared_cache_seconds())
            patch_vary_headers(response, ["Cookie"])
        elif is_personal(request, response):
            cache_control = response.get("Cache-Control", "").lower()
            if "private" not in cache_control or "no-store" not in cache_control:
                patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response
