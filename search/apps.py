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

        post_save.connect(changed, sender=SynonymGroup, weak=False,
                          dispatch_uid="search_synonyms_saved")
        post_delete.connect(changed, sender=SynonymGroup, weak=False,
                            dispatch_uid="search_synonyms_deleted")

        def stop_words_changed(**kwargs):
            hot.forget()

        post_save.connect(stop_words_changed, sender=HotQueryStopWord, weak=False,
                          dispatch_uid="search_hot_stop_saved")
        post_delete.connect(stop_words_changed, sender=HotQueryStopWord, weak=False,
                            dispatch_uid="search_hot_stop_deleted")
