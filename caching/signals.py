"""What empties the page cache: every change the public could see.

- publishing, unpublishing, moving or deleting a page, and saving a live page;
- a page's privacy: PageViewRestriction created, changed or deleted, or its groups
  changed (and the same for collection privacy);
- sites, the portal's site settings, tags, documents and images;
- any write to a model of an enabled plugin (their public pages and home panels).

Saving a draft of a live page changes nothing public and is ignored, as are the models
in PORTAL_PAGE_CACHE["IGNORE_MODELS"] (浏览量 counters, image renditions made while a
page renders) and models that set `page_cache_neutral = True` (a plugin's rows that no
public page shows, such as 群众评议 responses).

Each change moves the generation on at once (so the next request in this process
sees it) and again when the transaction commits (so a request that read the old rows
while the change was in flight cannot have stored them under the new generation).
"""

import functools
import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import conf

logger = logging.getLogger(__name__)

# Fields Wagtail saves on a page when a draft or a lock changes; the live page is unchanged.
DRAFT_ONLY_FIELDS = frozenset({
    "wagtail_admin_comments", "latest_revision_created_at", "draft_title", "latest_revision",
    "has_unpublished_changes", "locked", "locked_by", "locked_at",
})
WATCHED_APPS = {"pages", "portal", "taggit", "wagtaildocs", "wagtailimages"}


def invalidate(reason=""):
    """Empty the page cache (move the generation on), now and on commit."""
    backend = conf.generation_backend()

    def bump():
        try:
            backend.bump()
        except Exception:
            logger.exception("Could not move the page-cache generation on (%s).", reason)

    bump()
    transaction.on_commit(bump)


@functools.lru_cache(maxsize=8)
def _plugin_modules(names):
    from portal.plugin_loader import plugin_apps

    return frozenset(plugin_apps(list(names)))


def _plugin_app_labels():
    modules = _plugin_modules(tuple(getattr(settings, "PORTAL_ENABLED_PLUGINS", ())))
    return {config.label for config in apps.get_app_configs() if config.name in modules}


def is_watched(model):
    meta = model._meta
    if meta.label_lower in conf.get("IGNORE_MODELS"):
        return False
    if getattr(model, "page_cache_neutral", False):
        return False  # a plugin's model whose rows no public page shows
    if issubclass(model, Page):
        return False  # pages have their own rules below
    if issubclass(model, (PageViewRestriction, CollectionViewRestriction, Site)):
        return True
    return meta.app_label in WATCHED_APPS or meta.app_label in _plugin_app_labels()


def on_save(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults on first read: what was shown is unchanged
    if isinstance(instance, Page):
        if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
            return
        if instance.live or (update_fields and "live" in update_fields):
            invalidate(f"page {instance.pk} saved")
        return
    if is_watched(sender):
        invalidate(f"{sender._meta.label} saved")


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) or is_watched(sender):
        invalidate(f"{sender._meta.label} deleted")


def on_m2m(sender, instance, action, **kwargs):
    restriction_groups = (PageViewRestriction.groups.through,
                          CollectionViewRestriction.groups.through)
    if action.startswith("post_") and sender in restriction_groups:
        invalidate("restriction groups changed")
    elif action.startswith("post_") and is_watched(type(instance)):
        invalidate(f"{type(instance)._meta.label} relations changed")


def on_page_event(sender, instance, **kwargs):
    invalidate(f"page {instance.pk} published, unpublished or moved")


def connect():
    post_save.connect(on_save, dispatch_uid="page_cache_save")
    post_delete.connect(on_delete, dispatch_uid="page_cache_delete")
    m2m_changed.connect(on_m2m, dispatch_uid="page_cache_m2m")
    page_published.connect(on_page_event, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_page_event, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_page_event, dispatch_uid="page_cache_moved")
