"""The portal's URLs plus /bench/minimal/, the throughput benchmark's baseline, and
/bench/search-cold/: the search page with its per-generation outcome memo off, so the
benchmark also reports what a search nobody made before costs."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


def search_cold(request):
    from search.engines.database import use_memo
    from search.views import search_page

    token = use_memo.set(False)
    try:
        return search_page(request)
    finally:
        use_memo.reset(token)


urlpatterns = [path("bench/minimal/", minimal, name="bench_minimal"),
               path("bench/search-cold/", search_cold, name="bench_search_cold"),
               *portal_urlpatterns]
