"""Keeps external search indexes in step where Wagtail's own signal handlers do not.

Wagtail indexes an item when it is saved and removes it when deleted. A move changes the
tree paths of a whole subtree without saving its pages, and a page's path is its scope in
an external index (hidden subtrees are path prefixes there), so a move re-indexes the
subtree and every item of a search provider whose organisation lies in it.
"""

import logging

from django.core.signals import setting_changed
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import BulkIndexError
from wagtail.search.backends import get_search_backends
from wagtail.signals import post_page_move

logger = logging.getLogger(__name__)


def external_backends():
    # Only the backends that keep their own documents (the database backend reads the
    # page tree directly and needs nothing).
    return [backend for backend in get_search_backends(with_auto_update=True)
            if hasattr(backend, "content_index")]


def reindex_subtree(page):
    from wagtail.models import Page

    from .providers import all_providers

    backends = external_backends()
    if not backends:
        return
    for provider in all_providers():
        model = provider.model_class
        if provider.is_page:
            items = model.objects.filter(path__startswith=page.path)
        elif provider.organisation_field:
            organisations = Page.objects.filter(path__startswith=page.path).values("pk")
            items = model.objects.filter(**{f"{provider.organisation_field}__in": organisations})
        else:
            continue
        items = list(items)
        for backend in backends:
            if items:
                try:
                    backend.content_index.add_items(model, items)
                except (TransportError, ApiError, BulkIndexError):
                    logger.warning("re-indexing the moved subtree %s failed; "
                                   "search_sync will write it", page.path)


def sync_synonyms():
    """Write the edited synonym list to each Elasticsearch synonyms set at once (a failure
    is recorded for search_sync by the backend; the admin's save goes through)."""
    for backend in external_backends():
        backend.sync_synonyms()


def _on_page_moved(sender, instance, **kwargs):
    from wagtail.models import Page

    reindex_subtree(Page.objects.get(pk=instance.pk))  # its path as it is now


def _on_setting_changed(setting, **kwargs):
    if setting in ("PORTAL_SEARCH_ENGINE", "WAGTAILSEARCH_BACKENDS"):
        from .engines import get_engine

        get_engine.cache_clear()


def connect():
    post_page_move.connect(_on_page_moved, dispatch_uid="search_reindex_moved_subtree")
    setting_changed.connect(_on_setting_changed, dispatch_uid="search_engine_setting")
