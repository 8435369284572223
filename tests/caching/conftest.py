import pytest
from django.core.cache import caches

from caching import memo
from tests.conftest import build_site


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


@pytest.fixture
def tree(transactional_db, settings):
    """The test site, committed, with the page cache off: every request renders the page
    and reads what the per-generation memo keeps -- an uncached page's production path."""
    settings.PORTAL_PAGE_CACHE = {
        "ENABLED": False,
        "CACHE": "pages",
        "GENERATION": {"BACKEND": "caching.generation.CacheGeneration", "OPTIONS": {}},
    }
    memo.clear()
    site = build_site()
    yield site
    memo.clear()
