"""Chinese-aware database search backend for Wagtail (modelsearch).

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
picks the SQLite (FTS5) or PostgreSQL variant for the default database, as
modelsearch.backends.database does for its own backends.
"""

import functools

from django.db import connection


@functools.cache
def _sqlite_has_fts5():
    # modelsearch checks by opening a connection; the answer cannot change in a process,
    # and the backend is built for every search.
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks for
    if connection.vendor == "postgresql":
        from .postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        if _sqlite_has_fts5():
            from .sqlite import ChineseSQLiteSearchBackend

            return ChineseSQLiteSearchBackend(params)
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "search.backends.database needs SQLite with FTS5 or PostgreSQL; "
        "set ELASTICSEARCH_URL or use another database.")
