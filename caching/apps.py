from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    label = "caching"
    verbose_name = "页面缓存"

    def ready(self):
        from . import frontcache, signals

        signals.connect()
        frontcache.connect()
