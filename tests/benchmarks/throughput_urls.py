"""The portal's URLs plus /bench/minimal/, the throughput benchmark's baseline,
/bench/search-cold/: the search page with its per-generation outcome memo off, so the
benchmark also reports what a search nobody made before costs, and /bench/search-new/:
the same with the hit cards off too (a search whose hits were never shown)."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


def search_cold(request, cards=True):
    from search.engines.database import use_memo
    from search.engines.hits import use_hit_memo
    from search.views import search_page

    token, cards_token = use_memo.set(False), use_hit_memo.set(cards)
    try:
        return search_page(request)
    finally:
        use_memo.reset(token)
        use_hit_memo.reset(cards_token)


def search_new(request):
    return search_cold(request, cards=False)


urlpatterns = [path("bench/minimal/", minimal, name="bench_minimal"),
               path("bench/search-cold/", search_cold, name="bench_search_cold"),
               path("bench/search-new/", search_new, name="bench_search_new"),
               *portal_urlpatterns]
