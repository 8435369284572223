"""Builds the Elasticsearch document of one searchable item."""

from search.advanced import index_keywords
from search.analysis import index_text
from search.backends.database.indexer import RawDocument

MAX_BODY = 20_000


def document_id(provider, obj):
    return f"{provider.key}-{obj.pk}"


def _ancestor_ids(obj, model_name):
    from wagtail.models import Page

    if not hasattr(obj, "path"):
        return []
    return [str(pk) for pk in Page.objects.ancestor_of(obj, inclusive=True)
            .filter(content_type__model=model_name).values_list("pk", flat=True)]


def build_document(provider, obj):
    """The document body (with its `_id`) of `obj`, indexed under `provider`."""
    raw = RawDocument(obj)
    date = provider.date_of(obj)
    organisations = []
    if provider.organisation_field and getattr(obj, f"{provider.organisation_field}_id", None):
        organisations = [str(getattr(obj, f"{provider.organisation_field}_id"))]
    elif obj._meta.model_name == "branchpage":
        organisations = _ancestor_ids(obj, "branchpage")
    scope = provider.scope_for_index(obj)
    return {
        "_id": document_id(provider, obj),
        "object_id": str(obj.pk),
        "pk": obj.pk,
        "type": provider.key,
        "title_seg": index_text(raw.title_raw),
        "body_seg": index_text(raw.body_raw[:MAX_BODY]),
        "date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "section": _ancestor_ids(obj, "sectionpage"),
        "organisation": organisations,
        "tags": list(obj.tags.names()) if provider.has_tags else [],
        "facets": provider.keywords_of(obj) + index_keywords(obj),
        "live": bool(scope.audiences),
        "path": scope.path,
        "audiences": list(scope.audiences),
        "visible_from": scope.visible_from.isoformat() if scope.visible_from else None,
    }
