from django.apps import AppConfig


class ExamplePluginConfig(AppConfig):
    name = "dangwu_example_plugin"
    label = "dangwu_example_plugin"
    verbose_name = "示例插件"

    def ready(self):
        from portal.plugins import NavItem, Plugin, PluginPermission, registry

        from . import PLUGIN_DESCRIPTION, PLUGIN_NAME, __version__

        registry.register(Plugin(
            label="example",
            name=PLUGIN_NAME,
            description=PLUGIN_DESCRIPTION,
            version=__version__,
            urls="dangwu_example_plugin.urls",
            url_prefix="example-plugin/",
            nav_items=[NavItem("示例插件", "dangwu_example_plugin:index")],
            home_panel_template="dangwu_example_plugin/home_panel.html",
            home_panel_context=lambda request: {"greeting": "示例插件首页面板"},
            permissions=[PluginPermission("auth.view_user", "示例：查看用户")],
        ), module=self.name)
