from django.db.models.signals import post_migrate, post_save, pre_save
from django.dispatch import receiver


@receiver(post_migrate)
def create_roles(sender, app_config=None, **kwargs):
    # post_migrate fires once per app; act once every permission we grant exists.
    from .roles import ensure_groups, required_permissions_exist

    if required_permissions_exist():
        ensure_groups()


def _home_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .roles import ensure_publication_workflow

        ensure_publication_workflow(instance)


def _reindex_after_publish(sender, instance, **kwargs):
    """Index a published core page once more, now that its tags and inline children
    (attachments, committee members) are saved.

    Wagtail indexes a page from post_save, which fires before modelcluster writes the
    page's child rows, so a newly published notice's entry could lack its tags until
    the next save. page_published is sent after everything is written. (The cases
    plugin does the same for its own pages.)"""
    if instance._meta.app_label != "pages":
        return
    from modelsearch.index import RelatedFields
    from wagtail.search import index

    if any(isinstance(field, RelatedFields) for field in instance.get_search_fields()):
        index.insert_or_update_object(instance)


def _short_slug(sender, instance, raw=False, **kwargs):
    """Every page type, plugins' included: a new page's address is its title's pinyin."""
    from wagtail.models import Page

    if not raw and isinstance(instance, Page):
        from .slugs import shorten_slug

        shorten_slug(instance)


def connect():
    from wagtail.signals import page_published

    from .models import HomePage

    pre_save.connect(_short_slug, dispatch_uid="pages_short_slug")
    post_save.connect(_home_created, sender=HomePage, dispatch_uid="home_workflow")
    page_published.connect(_reindex_after_publish, dispatch_uid="pages_reindex_after_publish")


connect()
