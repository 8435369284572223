"""Search page and JSON API (a basic version; the Chinese search issue replaces the engine)."""

from django.http import JsonResponse
from django.shortcuts import render

from pages.models import ArticlePage
from pages.models.section import paginate
from portal.scope import resolver_for

MAX_QUERY_LENGTH = 100


def _search(request):
    query = (request.GET.get("q") or "").strip()
    error = None
    if len(query) > MAX_QUERY_LENGTH:
        error = f"检索词过长，已截取前{MAX_QUERY_LENGTH}个字符。"
        query = query[:MAX_QUERY_LENGTH]
    if not query:
        return query, None, error
    articles = resolver_for(request).filter(ArticlePage.objects.live())
    results = articles.filter(title__icontains=query).order_by("-date", "-id")
    return query, paginate(request, results, per_page=10), error


def search_page(request):
    query, page_obj, error = _search(request)
    items = list(page_obj.object_list.specific()) if page_obj else []
    return render(request, "search/search_page.html", {
        "query": query, "page_obj": page_obj, "items": items, "error": error,
    })


def search_api(request):
    query, page_obj, error = _search(request)
    results = []
    if page_obj:
        for item in page_obj.object_list.specific():
            results.append({
                "title": item.title,
                "url": item.get_url(request),
                "type": item.type_label,
                "date": item.date.isoformat(),
                "snippet": item.summary[:120],
            })
    return JsonResponse({
        "count": page_obj.paginator.count if page_obj else 0,
        "results": results,
        **({"message": error} if error else {}),
    }, json_dumps_params={"ensure_ascii": False})
