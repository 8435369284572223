from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "plugins.commitments"
    label = "commitments"
    verbose_name = "承诺践诺"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import registry

        from . import sealing
        from .plugin import build_plugin

        registry.register(build_plugin(), module=self.name)
        sealing.register()
