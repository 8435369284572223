"""The page cache's settings, read from PORTAL_PAGE_CACHE with defaults filled in."""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

DEFAULTS = {
    "ENABLED": True,
    "CACHE": "pages",  # alias in CACHES holding the pages
    "TIMEOUT": 600,  # seconds; invalidation is by generation, this only bounds memory
    "GENERATION": {"BACKEND": "caching.generation.CacheGeneration", "OPTIONS": {}},
    # Never cached, whoever asks: admin, member area, downloads, the 浏览量 beacon.
    "EXCLUDE_PATHS": ["/admin/", "/django-admin/", "/member/", "/documents/", "/api/views/"],
    # Cookies that do not make a request personal (the CSRF cookie of a visitor who once
    # opened a form). Any other cookie -- above all the session -- bypasses the cache.
    "NEUTRAL_COOKIES": None,  # None: just settings.CSRF_COOKIE_NAME
    # Writes to these models never change what the public sees.
    "IGNORE_MODELS": [
        "pages.pageviewcount",
        "wagtailimages.rendition",
        "wagtailimages.uploadedimage",
        "wagtaildocs.uploadeddocument",
    ],
}

_generation_backend = None


def get(name):
    return {**DEFAULTS, **getattr(settings, "PORTAL_PAGE_CACHE", {})}[name]


def generation_backend():
    """The generation store named by PORTAL_PAGE_CACHE["GENERATION"], built once."""
    global _generation_backend
    if _generation_backend is None:
        spec = get("GENERATION")
        _generation_backend = import_string(spec["BACKEND"])(**spec.get("OPTIONS", {}))
    return _generation_backend


@receiver(setting_changed)
def _reset(setting, **kwargs):
    global _generation_backend
    if setting in ("PORTAL_PAGE_CACHE", "CACHES"):
        _generation_backend = None
