from django.db.models.signals import post_migrate, post_save
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


def connect():
    from .models import HomePage

    post_save.connect(_home_created, sender=HomePage, dispatch_uid="home_workflow")


connect()
