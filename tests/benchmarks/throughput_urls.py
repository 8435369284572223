"""The portal's URLs plus /bench/minimal/, the throughput benchmark's baseline, and
/bench/search-cold/: the search page under an address of its own, which the benchmark
loads with a different term on every request (never served by the page cache)."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


def search_cold(request):
    from search.views import search_page

    return search_page(request)


urlpatterns = [path("bench/minimal/", minimal, name="bench_minimal"),
               path("bench/search-cold/", search_cold, name="bench_search_cold"),
               *portal_urlpatterns]
