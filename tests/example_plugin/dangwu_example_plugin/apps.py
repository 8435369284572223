from django.apps import AppConfig


class ExamplePluginConfig(AppConfig):
    name = "dangwu_example_plugin"
    label = "dangwu_example_plugin"
    verbose_name = "示例插件"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import registry

        from .plugin import build_plugin

        registry.register(build_plugin(), module=self.name)
