"""Keeps the SQLite-only FTS5 model (search.models.ChineseFTSEntry) away from other
databases: `dumpdata` and anything else that asks the router skip it where its table
does not exist (migration 0011 creates it on SQLite only)."""

from django.db import connections

SQLITE_ONLY = {("portal_search", "chineseftsentry")}  # (app label, model name)


class SQLiteOnlyModelsRouter:
    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if (app_label, model_name) in SQLITE_ONLY:
            return connections[db].vendor == "sqlite"
        return None
