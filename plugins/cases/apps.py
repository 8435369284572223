from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "plugins.cases"
    label = "cases"
    verbose_name = "创新案例"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import registry

        from . import importers, signals, summary
        from .plugin import build_plugin

        importers.register()
        signals.connect()
        summary.connect()
        registry.register(build_plugin(), module=self.name)
