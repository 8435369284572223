"""Full-page cache for anonymous visitors.

Placed right after WhiteNoise, so a hit is answered before sessions, authentication,
CSRF or any database work; on a miss it sees the response after every other middleware
has finished with it (cookies set, CSP and security headers added).

A request is served from (and may fill) the cache only when it is a GET from a visitor
who carries no cookie but the CSRF one (no session: not logged in, no page password
entered, no message waiting) and no Authorization header, to a path outside
EXCLUDE_PATHS. A response is stored only when it is a complete 200 that sets no cookie,
did not use the CSRF token (so no form with a token is ever cached), is not marked
private/no-cache/no-store, and was not marked uncacheable by the view (restricted
pages are, see pages/serving.py).

Keys hold the cache generation (caching.generation), the host, the full path and
today's date (the header shows the date).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from . import conf

logger = logging.getLogger(__name__)

HEADER = "X-Portal-Cache"
HIT, MISS, SKIP = "hit", "miss", "skip"
_UNCACHEABLE = "_portal_page_cache_skip"


def mark_uncacheable(request):
    """Views call this when their response must not be cached for anyone."""
    setattr(request, _UNCACHEABLE, True)


def is_marked_uncacheable(request):
    return getattr(request, _UNCACHEABLE, False)


def request_is_cacheable(request):
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    if any(request.path.startswith(prefix) for prefix in conf.get("EXCLUDE_PATHS")):
        return False
    neutral = conf.get("NEUTRAL_COOKIES")
    if neutral is None:
        neutral = (settings.CSRF_COOKIE_NAME,)
    return all(name in neutral for name in request.COOKIES)


def response_is_cacheable(request, response):
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and not is_marked_uncacheable(request)
    )


def cache_key(request, generation):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
    return f"portal:page:{generation}:{timezone.localdate():%Y%m%d}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not conf.get("ENABLED"):
            return self.get_response(request)
        if not request_is_cacheable(request):
            response = self.get_response(request)
            response[HEADER] = SKIP
            return response

        cache = caches[conf.get("CACHE")]
        try:
            # The key is fixed before the view reads anything: a change committed while
            # this request renders moves the generation on, so whatever it stores under
            # the old one is never served.
            key = cache_key(request, conf.generation_backend().current())
            entry = cache.get(key)
        except Exception:  # a cache outage must not take the site down
            logger.exception("Page cache unavailable; serving uncached.")
            key = entry = None
        if entry is not None:
            return self._from_entry(entry)

        response = self.get_response(request)
        if key is not None and response_is_cacheable(request, response):
            entry = (response.status_code, list(response.items()), response.content)
            try:
                cache.set(key, entry, conf.get("TIMEOUT"))
            except Exception:
                logger.exception("Could not store a page in the cache.")
            response[HEADER] = MISS
        else:
            response[HEADER] = SKIP
        return response

    @staticmethod
    def _from_entry(entry):
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HEADER] = HIT
        return response
