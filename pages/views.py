from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from taggit.models import Tag
from wagtail.models import Page

from portal.scope import resolver_for

from .models import ArticlePage, PageViewCount
from .models.section import paginate


@require_GET
def tag_view(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("没有这个标签")
    resolver = resolver_for(request)
    articles = resolver.filter(
        ArticlePage.objects.live().filter(tags__slug=slug).order_by("-date", "-id").distinct()
    )
    page_obj = paginate(request, articles)
    items = ArticlePage.objects.filter(pk__in=[a.pk for a in page_obj]).specific().order_by(
        "-date", "-id")
    return render(request, "pages/tag_page.html", {
        "tag": tag,
        "page_obj": page_obj,
        "items": [(item, resolver.scope_of(item)) for item in items],
    })


@csrf_exempt  # a hit counter changes nothing a forged request could abuse
@require_POST
def count_view(request, page_id):
    """Beacon for 浏览量, so pages can be cached and still be counted."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or not resolver_for(request).can_see(page):
        return JsonResponse({"error": "页面不存在"}, status=404)
    return JsonResponse({"count": PageViewCount.increment(page.pk)})


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /member/",
        "Disallow: /documents/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the emblem. Its
    address is looked up per request, not at import, so settings whose static storage needs
    collectstatic's manifest still load their URLs (check --deploy) before it has run."""
    return HttpResponsePermanentRedirect(static("portal/admin-emblem.svg"))
