from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = "全文检索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
        self._connect_synonyms()

    def _connect_synonyms(self):
        from django.db.models.signals import post_delete, post_save

        from . import hot
        from .analysis.synonyms import forget
        from .models import HotQueryStopWord, SynonymGroup
        from .signals import sync_synonyms

        def changed(**kwargs):
            forget()
            sync_synonyms()  # Elasticsearch's synonyms set, when it has one

        def stop_words_changed(**kwargs):
            hot.forget()

        for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(changed, sender=SynonymGroup, weak=False,
                           dispatch_uid=f"search_synonyms_{event}")
            signal.connect(stop_words_changed, sender=HotQueryStopWord, weak=False,
                           dispatch_uid=f"search_hot_stop_{event}")
