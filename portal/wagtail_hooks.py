"""Admin wiring of the plugin registry: plugin list, menus, permissions, 待办."""

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from . import admin_messages, plugin_admin, scheduled, todo
from .plugins import registry


@hooks.register("register_admin_urls")
def register_plugin_admin_urls():
    return [path("plugins/", plugin_admin.plugin_list, name="portal_plugins")]


@hooks.register("register_settings_menu_item")
def register_plugin_list_menu_item():
    return AdminOnlyMenuItem("插件", reverse("portal_plugins"), name="plugins", icon_name="cogs",
                             order=900)


@hooks.register("construct_main_menu")
def add_plugin_menus(request, menu_items):
    menu_items.extend(item for item in plugin_admin.plugin_menu_items()
                      if item.is_shown(request))


hooks.register("construct_help_menu", admin_messages.prune_help_menu)
hooks.register("after_edit_page", admin_messages.decision_message)


@hooks.register("construct_homepage_panels")
def add_todo_panel(request, panels):
    panels.append(todo.TodoPanel(request))


@hooks.register(todo.HOOK)
def plugin_todo_items(request):
    return registry.todo_items(request)


@hooks.register(scheduled.HOOK, order=10)
def plugin_scheduled_tasks():
    return registry.scheduled_tasks()


@hooks.register("register_permissions")
def register_plugin_permissions():
    q = Q(pk__in=[])
    for perm in registry.permissions():
        app_label, _, codename = perm.codename.partition(".")
        q |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(q)
