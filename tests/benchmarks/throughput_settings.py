"""Production settings as the throughput benchmark serves them, plus a minimal view.

Everything else comes from the environment the benchmark sets: a temp SQLite database,
a generated secret, DJANGO_ALLOWED_HOSTS=127.0.0.1 and no HTTPS redirect.
"""

import os

from portal.settings.production import *  # noqa: F401,F403
from portal.settings.production import PORTAL_PAGE_CACHE

ROOT_URLCONF = "tests.benchmarks.throughput_urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
# The minimal view is the baseline: it goes through every middleware, uncached.
PORTAL_PAGE_CACHE["EXCLUDE_PATHS"] = [
    "/bench/", "/admin/", "/django-admin/", "/member/", "/documents/", "/api/views/",
]
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "ERROR"}}
