from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "plugins.commitments"
    label = "commitments"
    verbose_name = "承诺践诺"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import registry

        from .plugin import build_plugin

        registry.register(build_plugin(), module=self.name)

        from . import sealing, summary_cache

        sealing.register()

        summary_cache.connect()

        from django.apps import apps

        if apps.is_installed("audit"):
            from . import personal_data

            personal_data.register()
