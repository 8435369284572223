"""The public sees roster counts (党员人数 on profiles and the tree): a roster change
empties the page cache like any other public change."""

from django.db.models.signals import post_delete, post_save


def roster_changed(**_kwargs):
    from caching.signals import invalidate

    invalidate("roster")


def connect():
    from .models import RosterEntry

    post_save.connect(roster_changed, sender=RosterEntry, dispatch_uid="roster-save")
    post_delete.connect(roster_changed, sender=RosterEntry, dispatch_uid="roster-delete")
