"""Builds the Elasticsearch document of one searchable item."""

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


def build_document(provider, obj, resolver=None):
    from portal.scope import AnonymousScopeResolver

    raw = RawDocument(obj)
    date = provider.date_of(obj)
    organisations = []
    if provider.organisation_field and getattr(obj, f"{provider.organisation_field}_id", None):
        organisations = [str(getattr(obj, f"{provider.organisation_field}_id"))]
    elif obj._meta.model_name == "branchpage":
        organisations = _ancestor_ids(obj, "branchpage")
    tags = list(obj.tags.names()) if provider.has_tags else []
    scope = (resolver or AnonymousScopeResolver()).scope_of(obj) if hasattr(obj, "path") else None
    return {
        "_id": document_id(provider, obj),
        "object_id": str(obj.pk),
        "type": provider.key,
        "title": raw.title_raw,
        "title_seg": index_text(raw.title_raw),
        "body": raw.body_raw[:MAX_BODY],
        "body_seg": index_text(raw.body_raw[:MAX_BODY]),
        "date": date.isoformat() if date else None,
        "year": date.year if date else None,
        "section": _ancestor_ids(obj, "sectionpage"),
        "organisation": organisations,
        "tags": tags,
        "facets": provider.keywords_of(obj),
        "scope": scope.kind if scope else "public",
        "path": getattr(obj, "path", ""),
        "live": bool(getattr(obj, "live", True)),
        "url": provider.url_of(obj) or "",
    }
