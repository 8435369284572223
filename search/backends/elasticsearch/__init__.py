"""Elasticsearch for the public search: index mapping, documents, queries, backend."""

from .backend import ElasticsearchContentBackend as SearchBackend  # noqa: F401
