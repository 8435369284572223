from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    label = "pages"
    verbose_name = "页面"

    def ready(self):
        from . import signals  # noqa: F401
