"""Builds the Elasticsearch documents of searchable items.

A batch (update_index, a bulk save) of pages is read with a fixed number of queries --
related rows prefetched as the database indexer does, every page's section and
organisation ancestors in one query; a plugin's own scope or keywords may read more -- and its text is analysed in a worker thread, a chunk at a time, while the
caller sends the chunk before to Elasticsearch (see document_chunks).
"""


from search.advanced import index_keywords
from search.analysis import index_text
from search.backends.database.indexer import RawDocument, pipelined, prefetched

MAX_BODY = 20_000
# Documents per bulk request while the next ones are analysed: big enough that a request's
# overhead is small, small enough that little of a batch goes unoverlapped (the first
# chunk's analysis and the last chunk's request each run alone).
CHUNK = 50
STEP = 4  # tree paths grow by four characters per level (treebeard)
ANCESTOR_MODELS = ("sectionpage", "branchpage")


def document_id(provider, obj):
    return f"{provider.key}-{obj.pk}"


def _ancestors(objs):
    """{path: (pk, model name)} of every section and branch page above (or being) one of
    `objs`, read in one query."""
    from wagtail.models import Page

    paths = set()
    for obj in objs:
        path = getattr(obj, "path", "")
        paths.update(path[:end] for end in range(STEP, len(path) + 1, STEP))
    if not paths:
        return {}
    rows = (Page.objects.filter(path__in=paths, content_type__model__in=ANCESTOR_MODELS)
            .values_list("path", "pk", "content_type__model"))
    return {path: (pk, model) for path, pk, model in rows}


def _ancestor_ids(obj, model_name, ancestors):
    path = getattr(obj, "path", "")
    found = []
    for end in range(STEP, len(path) + 1, STEP):
        pk, model = ancestors.get(path[:end], (None, None))
        if model == model_name:
            found.append(str(pk))
    return found


def _unanalysed(provider, obj, ancestors):
    """(document without its analysed text, raw title, raw body) -- everything that may
    query the database, so it runs on the caller's thread and connection."""
    raw = RawDocument(obj)
    date = provider.date_of(obj)
    organisations = []
    if provider.organisation_field and getattr(obj, f"{provider.organisation_field}_id", None):
        organisations = [str(getattr(obj, f"{provider.organisation_field}_id"))]
    elif obj._meta.model_name == "branchpage":
        organisations = _ancestor_ids(obj, "branchpage", ancestors)
    scope = provider.scope_for_index(obj)
    document = {
        "_id": document_id(provider, obj),
        "object_id": str(obj.pk),
        "pk": obj.pk,
        "type": provider.key,
        "date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "section": _ancestor_ids(obj, "sectionpage", ancestors),
        "organisation": organisations,
        # all(): uses the prefetched rows
        "tags": [tag.name for tag in obj.tags.all()] if provider.has_tags else [],
        "facets": provider.keywords_of(obj) + index_keywords(obj),
        "live": bool(scope.audiences),
        "path": scope.path,
        "audiences": list(scope.audiences),
        "visible_from": scope.visible_from.isoformat() if scope.visible_from else None,
    }
    return document, raw.title_raw, raw.body_raw[:MAX_BODY]


def _analysed(items):
    """The complete documents: the portal's own analysis of each title and body."""
    return [{**document, "title_seg": index_text(title), "body_seg": index_text(body)}
            for document, title, body in items]


def document_chunks(provider, objs, size=CHUNK):
    """The documents of `objs` (instances of the provider's model), CHUNK at a time; each
    chunk's text is analysed in a worker thread while the caller writes the one before
    (the bulk request waits on Elasticsearch without holding the GIL)."""
    objs = prefetched(provider.model_class, objs)
    ancestors = _ancestors(objs)
    items = [_unanalysed(provider, obj, ancestors) for obj in objs]
    yield from pipelined(_analysed, items, size, "search-es-analysis")


def build_document(provider, obj):
    """The document body (with its `_id`) of `obj`, indexed under `provider`."""
    return next(document_chunks(provider, [obj]))[0]
