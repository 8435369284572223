from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "plugins.reviews"
    label = "reviews"
    verbose_name = "群众评议"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import registry

        from . import notifying
        from .plugin import build_plugin

        registry.register(build_plugin(), module=self.name)
        notifying.connect()
