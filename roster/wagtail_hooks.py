from django.urls import include, path
from wagtail import hooks

from .views import IMPORT_ACTION
from .viewsets import RosterViewSetGroup


@hooks.register("register_admin_viewset")
def register_roster_viewsets():
    return RosterViewSetGroup()


@hooks.register("register_admin_urls")
def register_roster_urls():
    return [path("roster-files/", include("roster.urls", namespace="roster"))]


@hooks.register("register_log_actions")
def register_roster_log_actions(actions):
    actions.register_action(IMPORT_ACTION, "导入党员名册", "导入党员名册")
