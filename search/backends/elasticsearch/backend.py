"""A modelsearch backend that keeps the Elasticsearch index of searchable items.

Registered as a second entry of WAGTAILSEARCH_BACKENDS when ELASTICSEARCH_URL
is set, so `python manage.py update_index` rebuilds it and Wagtail's signal
handlers keep it current on publish, unpublish and delete. Only the models of
search providers are indexed, one document per item. Querying goes through
search.engines.elasticsearch; Wagtail's admin keeps using the database backend.
"""

from functools import cached_property

from modelsearch.backends.base import BaseIndex, BaseSearchBackend

from search.providers import all_providers

from .documents import build_document, document_id
from .mapping import index_for

CHUNK = 500


def provider_for_model(model):
    for provider in all_providers():
        if issubclass(model, provider.model_class):
            return provider
    return None


class ContentIndex(BaseIndex):
    def __init__(self, backend):
        super().__init__(backend)
        self.index = index_for(backend.index_prefix)

    def get_key(self):
        return self.index._name

    def exists(self):
        return self.backend.client.indices.exists(index=self.index._name)

    def ensure(self):
        if not self.exists():
            self.index.create(using=self.backend.client)

    def add_model(self, model):
        self.ensure()

    def refresh(self):
        self.index.refresh(using=self.backend.client)

    def reset(self):
        if self.exists():
            self.index.delete(using=self.backend.client)
        self.index.create(using=self.backend.client)

    def add_item(self, obj):
        self.add_items(type(obj), [obj])

    def add_items(self, model, objs):
        from elasticsearch.helpers import bulk

        provider = provider_for_model(model)
        if provider is None:
            return
        actions = []
        for obj in objs:
            specific = getattr(obj, "specific", obj)
            if not isinstance(specific, provider.model_class):
                continue
            doc = build_document(provider, specific)
            doc_id = doc.pop("_id")
            actions.append({"_index": self.index._name, "_id": doc_id, "_source": doc})
        if actions:
            bulk(self.backend.client, actions, chunk_size=CHUNK, refresh=False)

    def delete_item(self, item):
        provider = provider_for_model(type(item))
        if provider is None:
            return
        self.backend.client.delete(index=self.index._name, id=document_id(provider, item),
                                   ignore_unavailable=True, ignore=[404])


class ContentRebuilder:
    def __init__(self, index):
        self.index = index

    def start(self):
        self.index.reset()
        return self.index

    def finish(self):
        self.index.refresh()


class ElasticsearchContentBackend(BaseSearchBackend):
    index_class = ContentIndex
    rebuilder_class = ContentRebuilder

    def __init__(self, params):
        super().__init__(params)
        self.urls = params.get("URLS") or ["http://localhost:9200"]
        self.index_prefix = params.get("INDEX_PREFIX", "dangwu_")
        self.timeout = params.get("TIMEOUT", 10)

    @cached_property
    def client(self):
        from elasticsearch import Elasticsearch

        return Elasticsearch(self.urls, request_timeout=self.timeout)

    @cached_property
    def content_index(self):
        return self.index_class(self)

    def get_index_for_model(self, model):
        return self.content_index

    def get_index_for_object(self, obj):
        return self.content_index

    def all_indexes(self):
        return [self.content_index]

    def search(self, *args, **kwargs):
        raise NotImplementedError("Use search.engines.elasticsearch for querying this index.")

    def autocomplete(self, *args, **kwargs):
        raise NotImplementedError("Use search.engines.elasticsearch for querying this index.")
