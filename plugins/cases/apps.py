from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "plugins.cases"
    label = "cases"
    verbose_name = "创新案例"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages.models import HomePage
        from portal.plugins import registry

        from . import importers, signals, summary
        from .plugin import build_plugin

        # The library page may be created under the home page while this plugin is on.
        if "cases.CaseLibraryPage" not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, "cases.CaseLibraryPage"]
        importers.register()
        signals.connect()
        summary.connect()
        registry.register(build_plugin(), module=self.name)
