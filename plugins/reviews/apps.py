from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "plugins.reviews"
    label = "reviews"
    verbose_name = "群众评议"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.plugins import registry

        from . import layout, notifying
        from .plugin import build_plugin

        registry.register(build_plugin(), module=self.name)
        layout.connect()
        notifying.connect()
