"""Test settings: fast hasher, local caches, media in a throw-away folder."""

import tempfile

from .base import *  # noqa: F401,F403
from .base import env_str, redis_caches

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
ENABLE_DEMO_ACCOUNTS = True
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-test",
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-test-pages",
    },
}
# With REDIS_URL set (CI's PostgreSQL run), both caches are Redis as in production, so the
# page cache, its generation and the rate limits are exercised against a real server;
# tests/conftest.py empties that Redis database when the session starts.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
# Off by default: test databases are rolled back without the signals that empty the page
# cache, so pages cached by one test could leak into the next. tests/caching turns it on.
PORTAL_PAGE_CACHE = {
    "ENABLED": False,
    "CACHE": "pages",
    "TIMEOUT": 600,
    "GENERATION": {"BACKEND": "caching.generation.CacheGeneration", "OPTIONS": {}},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True  # tests and dev serve from the finders; no collectstatic needed
# Test clients log in without a request, which django-axes refuses; the lockout
# tests switch it back on with override_settings(AXES_ENABLED=True).
AXES_ENABLED = False
# Search: the database engine for every test. With ELASTICSEARCH_URL set, the tests that
# take the `search_backend` fixture (tests/conftest.py) run once more on
# Elasticsearch, each on an index of its own; nothing else talks to it.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
PORTAL_SEARCH_ENGINE = {"BACKEND": "search.engines.database.DatabaseEngine", "OPTIONS": {}}
# Tests log staff in without a second factor; tests/twofactor turns the requirement on.
PORTAL_OTP_REQUIRED = False
# A fixed key derived from SECRET_KEY for the chains (production sets INTEGRITY_KEY).
INTEGRITY_KEY_DERIVED = True
