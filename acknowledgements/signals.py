"""Announce a 需阅知 notice as soon as it is marked (if live) or published, after commit."""

from django.db import transaction
from django.db.models.signals import post_migrate, post_save


def _announce_later(read_request_id):
    def announce():
        from .models import ReadRequest
        from .reminders import announce as tell

        read_request = ReadRequest.objects.filter(pk=read_request_id).select_related("page").first()
        if read_request is not None:
            tell(read_request)

    transaction.on_commit(announce)


def _request_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _announce_later(instance.pk)


def _page_published(sender, instance, **kwargs):
    from .models import ReadRequest

    pk = ReadRequest.objects.filter(page_id=instance.pk).values_list("pk", flat=True).first()
    if pk:
        _announce_later(pk)


def grant_editors(sender=None, **kwargs):
    """信息员 mark notices 需阅知 (add, change, view, delete the marks)."""
    from django.contrib.auth.models import Group, Permission

    from pages.roles import EDITORS

    group = Group.objects.filter(name=EDITORS).first()
    if group is None:
        return
    group.permissions.add(*Permission.objects.filter(content_type__app_label="acknowledgements",
                                                     content_type__model="readrequest"))


def connect():
    from wagtail.signals import page_published

    from .models import ReadRequest

    post_save.connect(_request_saved, sender=ReadRequest, dispatch_uid="ack_request_saved")
    page_published.connect(_page_published, dispatch_uid="ack_page_published")
    post_migrate.connect(grant_editors, dispatch_uid="ack_grant_editors")
