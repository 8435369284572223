"""Admin screens and menu for the plugin registry (registered by portal/wagtail_hooks.py)."""

from django.conf import settings
from django.contrib.auth.decorators import user_passes_test
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .plugin_loader import unknown_plugins
from .plugins import registry


def _is_superuser(user):
    return user.is_active and user.is_superuser


@user_passes_test(_is_superuser)
def plugin_list(request):
    rows = registry.installed()
    for row in rows:
        plugin = registry.get(row["label"])
        row["permissions"] = plugin.declared_permissions() if plugin else []
    return render(request, "portal/admin/plugins.html", {
        "rows": rows,
        "enabled_count": sum(1 for r in rows if r["enabled"]),
        "unknown": unknown_plugins(getattr(settings, "PORTAL_ENABLED_PLUGINS", [])),
        "env_override": "PORTAL_PLUGINS",
    })


class PermissionMenuItem(MenuItem):
    """A plugin's admin entry, shown only to holders of its permission."""

    def __init__(self, *args, permission=None, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        if self.permission is None:
            return True
        return request.user.has_perm(self.permission)


def plugin_menu_items():
    """One submenu per enabled plugin that declares admin menu items."""
    menus = []
    for order, plugin in enumerate(registry.enabled()):
        items = []
        for entry in plugin.admin_menu_items:
            try:
                url = reverse(entry.url_name)
            except NoReverseMatch:
                continue
            items.append(PermissionMenuItem(entry.label, url, name=f"{plugin.label}-{entry.url_name}",
                                            icon_name=entry.icon_name, order=entry.order,
                                            permission=entry.permission))
        if items:
            menus.append(SubmenuMenuItem(plugin.name, Menu(items=items), name=f"plugin-{plugin.label}",
                                         icon_name=plugin.admin_menu_icon, order=600 + order))
    return menus
