"""This plugin's entry in the portal's plugin registry: everything it adds, in one place.

The reference for writing a plugin (docs/plugins.md): a page type, a URL, a navigation
entry, a home-page panel, a search provider, a personal-data export, an audit action,
a 待办 line and a permission, all declared here and registered from apps.py.
"""

from portal.plugins import NavItem, PersonalData, Plugin, PluginPermission, TodoItem

from . import PLUGIN_DESCRIPTION, PLUGIN_NAME, __version__

# Recorded in the portal's audit trail (Wagtail's log) whenever the plugin's page is visited
# by a signed-in user; shown with this label in 报告 → 审计日志.
VISIT_ACTION = "dangwu_example_plugin.visit"


def home_panel_context(request):
    return {"greeting": "示例插件首页面板"}


def search_providers():
    from search.providers import SearchProvider

    return [SearchProvider("example", "示例页面", "dangwu_example_plugin.ExamplePage",
                           date_field=None, order=90)]


def export_personal_data(user):
    """What the plugin keeps about a person: the example pages they own."""
    from .models import ExamplePage

    return [page.title for page in ExamplePage.objects.filter(owner=user).order_by("path")]


def todo_items(request):
    """A line in the admin's 待办 panel: example pages still waiting to be published."""
    from django.urls import reverse

    from .models import ExamplePage

    if not request.user.has_perm("wagtailcore.publish_page"):
        return []
    count = ExamplePage.objects.filter(live=False).count()
    return [TodoItem(count, "个示例页面未发布", reverse("dangwu_example_plugin:index"))]


def build_plugin():
    return Plugin(
        label="example",
        name=PLUGIN_NAME,
        description=PLUGIN_DESCRIPTION,
        version=__version__,
        urls="dangwu_example_plugin.urls",
        url_prefix="example-plugin/",
        nav_items=[NavItem("示例插件", "dangwu_example_plugin:index")],
        home_panel_template="dangwu_example_plugin/home_panel.html",
        home_panel_context=home_panel_context,
        home_page_types=["dangwu_example_plugin.ExamplePage"],
        search_providers=search_providers(),
        personal_data=[PersonalData("示例插件", export=export_personal_data)],
        audit_actions=[(VISIT_ACTION, "访问示例插件")],
        todo_items=todo_items,
        permissions=[PluginPermission("auth.view_user", "示例：查看用户")],
    )
