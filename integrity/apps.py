from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "integrity"
    label = "integrity"
    verbose_name = "台账防篡改"

    def ready(self):
        from . import checks  # noqa: F401 -- registers the deploy check
