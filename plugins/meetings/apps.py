from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "plugins.meetings"
    label = "meetings"
    verbose_name = "三会一课"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import registry

        from . import counts, observer_guards, sealing
        from .plugin import build_plugin

        observer_guards.connect_signals()
        counts.connect_signals()
        sealing.register()
        registry.register(build_plugin(), module=self.name)
