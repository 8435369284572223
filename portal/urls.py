from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pages.views import favicon, robots_txt

from .api_schema import openapi_schema
from .plugins import registry

urlpatterns = [
    # Wagtail's report and listing exports, formula-safe, at Wagtail's own addresses
    # (audit/admin_exports.py): listed first, so they answer before Wagtail's.
    path("admin/", include("audit.admin_exports")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("member/", include("members.urls")),
    path("notifications/", include("notifications.urls")),
    path("member/read/", include("acknowledgements.urls")),
    path("search/", include("search.urls")),
    path("api/search/", include("search.api_urls")),
    path("api/openapi.yaml", openapi_schema, name="openapi_schema"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("integrity/", include("integrity.urls")),
    path("calendar/", include("calendars.urls")),
    path("", include("pages.urls")),
]

# Each enabled plugin mounts its own URLs under its prefix.
for plugin in registry.enabled():
    if plugin.urls:
        urlpatterns.append(path(plugin.url_prefix, include(plugin.urls)))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
