"""Registers the plugin's admin screens; nothing else happens here."""

from wagtail import hooks

from .admin_views import MeetingsViewSetGroup


@hooks.register("register_admin_viewset")
def register_meetings_viewsets():
    return MeetingsViewSetGroup()
