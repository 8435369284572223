import pytest
from django.core.cache import caches


@pytest.fixture
def page_cache(settings, tmp_path):
    """The anonymous page cache switched on, empty, with its generation in the cache."""
    settings.PORTAL_PAGE_CACHE = {
        "ENABLED": True,
        "CACHE": "pages",
        "TIMEOUT": 600,
        "GENERATION": {"BACKEND": "caching.generation.CacheGeneration", "OPTIONS": {}},
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()

