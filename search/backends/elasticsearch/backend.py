"""A modelsearch backend that keeps the Elasticsearch index of searchable items.

Registered as a second entry of WAGTAILSEARCH_BACKENDS when ELASTICSEARCH_URL is set, so
Wagtail's signal handlers keep it current on save, publish, unpublish and delete, and
`python manage.py update_index` rebuilds it. Only the models of search providers are
indexed, one document per item (documents.py). Querying goes through
search.engines.elasticsearch; Wagtail's admin keeps using the database backend.

Versions behind an alias: readers and writers use the alias `<prefix>content`. A rebuild
creates `<prefix>content-<timestamp>`, fills it, then moves the alias to it in one atomic
request and drops the old version, so searches answer throughout. While a rebuild runs,
every write also goes to the version being built (it holds the alias
`<prefix>content-building`), so nothing saved meanwhile is missing after the swap.

A write that fails (server down, timeout) never fails the save that caused it: it is
recorded as a PendingIndexWrite and written again by `search_sync`.
"""

import logging
import time
from functools import cached_property, lru_cache

from django.db import DatabaseError
from modelsearch.backends.base import BaseIndex, BaseSearchBackend

from search.providers import provider_for, provider_for_model

from .documents import document_chunks, document_id
from .mapping import alias_name, index_body
from .synonyms import (
    PENDING_ID,
    PENDING_MODEL,
    analysis_settings,
    forget_ready,
    index_has_analyzer,
    set_id,
    write_set,
)

logger = logging.getLogger(__name__)


def _label(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def record_pending(label, object_ids, error):
    """Remember items whose documents could not be written (search_sync writes them), or
    the synonyms set (synonyms.PENDING_MODEL, PENDING_ID)."""
    from search.models import PendingIndexWrite

    try:
        for object_id in object_ids:
            PendingIndexWrite.objects.update_or_create(
                model=label, object_id=str(object_id), defaults={"error": str(error)[:1000]})
    except DatabaseError:
        logger.exception("Could not record pending search index writes for %s", label)


@lru_cache(maxsize=8)
def client_for(urls, timeout):
    """One client (and connection pool) per process and cluster: modelsearch builds a new
    backend object for every save and search."""
    from elasticsearch import Elasticsearch

    return Elasticsearch(list(urls), request_timeout=timeout, max_retries=1,
                         retry_on_timeout=True)


class ContentIndex(BaseIndex):
    """The content index, read and written through its alias (or one version of it)."""

    def __init__(self, backend, name=None):
        super().__init__(backend)
        self.name = name or backend.index_name

    @property
    def client(self):
        return self.backend.client

    def get_key(self):
        return self.backend.index_name

    def exists(self):
        return bool(self.client.indices.exists(index=self.name))

    def ensure(self):
        """Create the first version and its alias when there is none yet."""
        if not self.client.indices.exists_alias(name=self.backend.index_name):
            self.backend.create_version(alias=self.backend.index_name)

    def add_model(self, model):
        self.ensure()

    def refresh(self):
        self.client.indices.refresh(index=self.name)

    def reset(self):
        """Drop every version and start an empty one (tests, and a broken index)."""
        self.backend.drop_all()
        self.backend.create_version(alias=self.backend.index_name)

    def targets(self):
        """Where a write goes: this index, and the version a rebuild is filling."""
        names = [self.name]
        if self.name == self.backend.index_name:
            building = self.backend.building_version()
            if building:
                names.append(building)
        return names

    def add_item(self, obj):
        self.add_items(type(obj), [obj])

    def add_items(self, model, objs):
        from elasticsearch import ApiError, TransportError
        from elasticsearch.helpers import BulkIndexError, bulk

        provider = provider_for_model(model)
        if provider is None:
            return
        objs = [getattr(obj, "specific", obj) for obj in objs]
        objs = [obj for obj in objs if isinstance(obj, provider.model_class)]
        if not objs:
            return
        written = []
        try:
            if self.name == self.backend.index_name:
                self.ensure()
            targets = self.targets()
            # Each chunk is sent while the next one is analysed (document_chunks).
            for documents in document_chunks(provider, objs):
                actions = [{"_index": name, "_id": doc["_id"],
                            "_source": {k: v for k, v in doc.items() if k != "_id"}}
                           for name in targets for doc in documents]
                bulk(self.client, actions, chunk_size=len(actions),
                     refresh=self.backend.refresh_writes)
                written.extend(doc["object_id"] for doc in documents)
        except (TransportError, ApiError, BulkIndexError) as error:
            logger.warning("Elasticsearch write failed, recorded for search_sync: %s", error)
            done = set(written)
            record_pending(_label(model), [obj.pk for obj in objs if str(obj.pk) not in done], error)
            raise

    def delete_item(self, item):
        from elasticsearch import ApiError, NotFoundError, TransportError

        provider = provider_for(item)
        if provider is None:
            return
        try:
            for name in self.targets():
                try:
                    self.client.delete(index=name, id=document_id(provider, item),
                                       refresh=self.backend.refresh_writes)
                except NotFoundError:
                    pass
        except (TransportError, ApiError) as error:
            record_pending(_label(type(item)), [item.pk], error)
            raise


class ContentRebuilder:
    """update_index: fill a new version while the alias keeps serving the old one."""

    def __init__(self, index):
        self.index = index
        self.backend = index.backend

    def start(self):
        # No refresh and no replicas while the new version fills (nobody searches it yet):
        # fewer, larger segments and each document indexed once, not once per copy.
        # finish() restores the default refresh and the configured replicas.
        name = self.backend.create_version(alias=self.backend.building_alias,
                                           refresh_interval="-1", replicas=0)
        return ContentIndex(self.backend, name)

    def finish(self):
        name = self.backend.building_version()
        self.backend.client.indices.put_settings(index=name, settings={
            "refresh_interval": None, "number_of_replicas": self.backend.replicas})
        self.backend.swap_to(name)


class ElasticsearchContentBackend(BaseSearchBackend):
    index_class = ContentIndex
    rebuilder_class = ContentRebuilder
    # A failed write is logged and recorded (PendingIndexWrite); the save goes on.
    catch_indexing_errors = True

    def __init__(self, params):
        super().__init__(params)
        self.urls = params.get("URLS") or ["http://localhost:9200"]
        self.index_prefix = params.get("INDEX_PREFIX", "dangwu_")
        self.timeout = params.get("TIMEOUT", 5)
        self.replicas = params.get("REPLICAS", 0)
        self.shards = params.get("SHARDS", 1)
        # Tests make every write visible at once; a site leaves it to the refresh interval.
        self.refresh_writes = params.get("REFRESH_WRITES", False)

    @property
    def client(self):
        return client_for(tuple(self.urls), self.timeout)

    # -- names and versions -----------------------------------------------------------
    @property
    def index_name(self):
        """The alias every reader and writer uses."""
        return alias_name(self.index_prefix)

    @property
    def building_alias(self):
        return f"{self.index_name}-building"

    def version_names(self):
        found = self.client.indices.get(index=f"{self.index_name}-*", ignore_unavailable=True,
                                        allow_no_indices=True)
        return sorted(found.body if hasattr(found, "body") else found)

    def create_version(self, alias, refresh_interval=None, replicas=None):
        from elasticsearch import BadRequestError

        name = f"{self.index_name}-{time.time_ns()}"
        body = index_body(self.replicas if replicas is None else replicas, self.shards)
        if refresh_interval is not None:
            body["settings"]["refresh_interval"] = refresh_interval
        if self.sync_synonyms():
            body["settings"]["analysis"] = analysis_settings(self.index_prefix)
        forget_ready()
        try:
            self._create_index(name, body, alias)
        except BadRequestError:
            if "analysis" not in body["settings"]:
                raise
            # A cluster that takes the synonyms set but refuses the analyzer (a missing
            # module, an older node in the cluster): index without it, synonyms then
            # expand in Python, as on a cluster without the API.
            logger.exception("Elasticsearch refused the synonym analyzer; indexing without it")
            del body["settings"]["analysis"]
            self._create_index(name, body, alias)
        return name

    def _create_index(self, name, body, alias):
        self.client.indices.create(index=name, settings=body["settings"],
                                   mappings=body["mappings"], aliases={alias: {}},
                                   wait_for_active_shards="1")

    def _alias_targets(self, alias):
        if not self.client.indices.exists_alias(name=alias):
            return []
        return sorted(self.client.indices.get_alias(name=alias).body)

    def building_version(self):
        targets = self._alias_targets(self.building_alias)
        return targets[-1] if targets else None

    def swap_to(self, name):
        """Point the alias at version `name` in one request; drop the older versions."""
        self.client.indices.refresh(index=name)
        old = self._alias_targets(self.index_name)
        actions = [{"remove": {"index": o, "alias": self.index_name}} for o in old]
        actions += [{"add": {"index": name, "alias": self.index_name}},
                    {"remove": {"index": name, "alias": self.building_alias}}]
        self.client.indices.update_aliases(actions=actions)
        forget_ready()
        for version in self.version_names():
            if version != name:
                self.client.indices.delete(index=version, ignore_unavailable=True)

    def drop_all(self):
        from elasticsearch import ApiError

        for version in self.version_names():
            self.client.indices.delete(index=version, ignore_unavailable=True)
        forget_ready()
        try:
            self.client.synonyms.delete_synonym(id=set_id(self.index_prefix))
        except ApiError:  # none, or a cluster without the synonyms API
            pass

    # -- synonyms (synonyms.py) -----------------------------------------------------------
    def sync_synonyms(self):
        """Write the synonyms set from the snippet list. False when it could not be: the
        cluster has no synonyms API (the engine then expands queries in Python), or it is
        down or refused while the live index reads the set (recorded for search_sync, so
        the change is never lost)."""
        from elasticsearch import ApiError, TransportError

        try:
            write_set(self.client, self.index_prefix)
        except (ApiError, TransportError) as error:
            if isinstance(error, TransportError) or self.synonym_graph_ready():
                logger.warning("Elasticsearch synonyms set not written, recorded for "
                               "search_sync: %s", error)
                record_pending(PENDING_MODEL, [PENDING_ID], error)
            else:
                logger.info("Elasticsearch took no synonyms set (%s): synonyms are "
                            "expanded at query time in Python", error)
            return False
        return True

    def synonym_graph_ready(self):
        """True when the live index analyses queries with the synonyms set."""
        return index_has_analyzer(self.client, tuple(self.urls), self.index_name)

    # -- modelsearch interface --------------------------------------------------------
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
