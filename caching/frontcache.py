"""Purging the front cache (Varnish in front of gunicorn) when the public site changes.

Wagtail's frontend cache (`wagtail.contrib.frontend_cache`, its HTTP backend) sends the
purges; this module decides which addresses. It acts only when WAGTAILFRONTENDCACHE is set
(production.py sets it from PORTAL_FRONT_CACHE_URL) and sends its purges when the change
commits, so the proxy can never fetch and keep the old rows again.

What a change to a page purges (`page_addresses`):
- the page itself, with every path it serves (`get_cached_paths`: a notice's print/);
  for a move, a change of scope or a deletion the same for every page below it;
- its ancestors -- the home page (its listings and panels) and the 栏目 that list it --
  with their own paths (the home page's 党务公开目录);
- the site's notice feeds and those of each 栏目 above it, the sitemap, the search page
  and the search API, and the tag pages of its tags;
- whatever each enabled plugin names for it (the plugin registry's `front_cache_paths`);
- everything, when the page is a top-level 栏目 or the home page (the navigation on every
  page shows them), or when more than MAX_PAGES pages lie below a moved or restricted page.
A change to what every page may show -- the site settings and footer links, a site, and
tags, documents and images already in use (the models that empty the page cache,
caching.signals, less the parts of pages) -- purges everything.
A write to a plugin's model purges what that plugin names for it, plus the home page when
the plugin has a home panel and the search page and API; a plugin that names nothing for
it gets everything purged. The front cache drops every query string of a purged path (a
listing's later pages, a search's terms): deploy/varnish/default.vcl.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from portal.plugins import registry

logger = logging.getLogger(__name__)

# The address that purges everything (deploy/varnish/default.vcl).
ALL = "/?purge=all"
SITE_PATHS = ("pages:feed_rss", "pages:feed_atom", "sitemap", "search:search", "search_api")
SECTION_FEEDS = ("pages:section_feed_rss", "pages:section_feed_atom")
# Past this many pages below a moved or restricted page, one purge of everything is cheaper
# than a purge per address (each is an HTTP request sent when the change commits).
MAX_PAGES = 200


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _reverse(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def site_paths():
    """Feeds, sitemap, search page and API: every change may show on them."""
    return {path for name in SITE_PATHS if (path := _reverse(name))}


def _page_paths(page):
    """The site-relative paths a live page serves, or nothing when it has no address."""
    parts = page.get_url_parts()
    if parts is None:
        return set()
    path = parts[2]
    return {path + extra.lstrip("/") for extra in page.specific_deferred.get_cached_paths()}


def _root_urls():
    return sorted({site.root_url for site in Site.objects.all()}) or ["http://localhost"]


def page_addresses(page, *, descendants=False):
    """Site-relative paths that show `page` to the public (see the module's docstring)."""
    page = page.specific_deferred
    if page.depth <= 3:  # the home page or a top-level 栏目: in every page's navigation
        return {ALL}
    paths = set(site_paths())
    pages = [page]
    if descendants:
        below = page.get_descendants().live()
        if below.count() > MAX_PAGES:
            return {ALL}
        pages += list(below.specific(defer=True))
    for each in pages:
        paths |= _page_paths(each)
    from pages.models import ArticlePage, SectionPage

    for ancestor in page.get_ancestors().filter(depth__gt=1).live().specific(defer=True):
        paths |= _page_paths(ancestor)
        if isinstance(ancestor, SectionPage):
            paths |= {p for name in SECTION_FEEDS if (p := _reverse(name, ancestor.pk))}
    if isinstance(page, ArticlePage):
        paths |= {p for tag in page.tags.all() if (p := _reverse("pages:tag", tag.slug))}
    for plugin in registry.enabled():
        if plugin.front_cache_paths:
            paths |= set(plugin.front_cache_paths(page) or ())
    return paths


def plugin_addresses(plugin, instance):
    """Paths that show `instance`, a row of `plugin`'s models; {ALL} if it names none."""
    named = plugin.front_cache_paths(instance) if plugin.front_cache_paths else None
    if named is None:
        return {ALL}
    paths = set(named) | {p for name in ("search:search", "search_api")
                          if (p := _reverse(name))}
    if plugin.home_panel_template:
        paths.add("/")
    return paths


def purge(paths):
    """Purge these site-relative paths from the front cache once the transaction commits."""
    if not enabled() or not paths:
        return
    if ALL in paths:
        paths = {ALL}
    urls = sorted(root + iri_to_uri(path) for root in _root_urls() for path in paths)

    def send():
        try:
            purge_urls_from_cache(urls)
        except Exception:  # the proxy being down must not undo a publication
            logger.exception("Could not purge the front cache.")

    transaction.on_commit(send)


def _safely(build):
    try:
        purge(build())
    except Exception:
        logger.exception("Could not work out what to purge from the front cache; purging all.")
        purge({ALL})


# --- signal receivers -------------------------------------------------------------------

def on_page_event(sender, instance, **kwargs):
    if enabled():
        _safely(lambda: page_addresses(instance))


def on_page_move(sender, instance, **kwargs):
    # Before the move: the old addresses; after it: the new ones.
    if enabled():
        _safely(lambda: page_addresses(Page.objects.get(pk=instance.pk), descendants=True))


def on_page_delete(sender, instance, **kwargs):
    if enabled() and isinstance(instance, Page) and instance.live:
        _safely(lambda: page_addresses(instance, descendants=True))


def _restriction_changed(restriction):
    if not enabled():
        return
    try:
        page = Page.objects.get(pk=restriction.page_id)
    except Page.DoesNotExist:
        return  # deleted with its page, whose deletion purges
    _safely(lambda: page_addresses(page, descendants=True))


def on_restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _restriction_changed(instance)


def on_restriction_groups(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        _restriction_changed(instance)


def _plugin_of(model):
    app_config = apps.get_containing_app_config(model.__module__)
    if app_config is None:
        return None
    for plugin in registry.enabled():
        if plugin.module and (plugin.module == app_config.name
                              or plugin.module.startswith(app_config.name + ".")):
            return plugin
    return None


def on_plugin_write(sender, instance, raw=False, **kwargs):
    if raw or not enabled() or isinstance(instance, Page):
        return
    if getattr(sender, "page_cache_neutral", False):
        return
    plugin = _plugin_of(sender)
    if plugin is not None:
        _safely(lambda: plugin_addresses(plugin, instance))


# A new document, image or tag shows nowhere until a page that uses it is published
# (which purges that page); a change to one already in use may show anywhere.
UNUSED_WHEN_NEW = {"wagtaildocs", "wagtailimages", "taggit"}


def on_site_wide_write(sender, instance, raw=False, created=False, **kwargs):
    from . import signals

    meta = sender._meta
    if (raw or not enabled() or meta.app_label == "pages"  # page parts: page events purge
            or issubclass(sender, (Page, PageViewRestriction))):
        return
    if created and (meta.app_label in UNUSED_WHEN_NEW
                    or isinstance(instance, (BaseSiteSetting, BaseGenericSetting))):
        return
    if signals.is_watched(sender) and _plugin_of(sender) is None:
        purge({ALL})


def connect():
    page_published.connect(on_page_event, dispatch_uid="front_cache_published")
    page_unpublished.connect(on_page_event, dispatch_uid="front_cache_unpublished")
    pre_page_move.connect(on_page_move, dispatch_uid="front_cache_pre_move")
    post_page_move.connect(on_page_move, dispatch_uid="front_cache_post_move")
    pre_delete.connect(on_page_delete, dispatch_uid="front_cache_page_delete")
    post_save.connect(on_restriction_saved, sender=PageViewRestriction,
                      dispatch_uid="front_cache_restriction_saved")
    post_delete.connect(_restriction_deleted, sender=PageViewRestriction,
                        dispatch_uid="front_cache_restriction_deleted")
    m2m_changed.connect(on_restriction_groups, sender=PageViewRestriction.groups.through,
                        dispatch_uid="front_cache_restriction_groups")
    post_save.connect(on_plugin_write, dispatch_uid="front_cache_plugin_saved")
    post_delete.connect(on_plugin_write, dispatch_uid="front_cache_plugin_deleted")
    post_save.connect(on_site_wide_write, dispatch_uid="front_cache_site_wide_saved")
    post_delete.connect(on_site_wide_write, dispatch_uid="front_cache_site_wide_deleted")


def _restriction_deleted(sender, instance, **kwargs):
    _restriction_changed(instance)
