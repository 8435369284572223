"""The engine behind the public search page and /api/search/.

settings.PORTAL_SEARCH_ENGINE = {"BACKEND": "dotted.path.Engine", "OPTIONS": {...}}
chooses it (the database engine by default, Elasticsearch when ELASTICSEARCH_URL
is set); get_engine() builds it once per process.
"""

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT = {"BACKEND": "search.engines.database.DatabaseEngine", "OPTIONS": {}}


@lru_cache(maxsize=1)
def get_engine():
    config = getattr(settings, "PORTAL_SEARCH_ENGINE", None) or DEFAULT
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))
