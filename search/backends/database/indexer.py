"""What a database index entry holds for an object: analysed token strings."""

from django.db.models import Manager, prefetch_related_objects
from django.utils.encoding import force_str
from modelsearch.index import AutocompleteField, RelatedFields, SearchField

from search.analysis import index_text


def _plain(value):
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_plain(item) for item in value.values())
    return "" if value is None else force_str(value)


def _values(obj, field):
    """(field, raw text) for a search field, following RelatedFields."""
    if isinstance(field, (SearchField, AutocompleteField)):
        yield field, _plain(field.get_value(obj))
    elif isinstance(field, RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return
        if isinstance(related, Manager):
            related = related.all()
        elif callable(related):
            related = [related()]
        else:
            related = [related]
        for sub_obj in related:
            for sub_field in field.fields:
                yield from _values(sub_obj, sub_field)


class RawDocument:
    """Title / body / autocomplete text of one object, as its search fields give it."""

    def __init__(self, obj):
        self.obj = obj
        self.id = force_str(obj.pk)
        title, body, autocomplete = [], [], []
        for field in obj.get_search_fields():
            for sub_field, text in _values(obj, field):
                if not text:
                    continue
                if isinstance(sub_field, AutocompleteField):
                    autocomplete.append(text)
                elif sub_field.field_name == "title":
                    title.append(text)
                else:
                    body.append(text)
        self.title_raw = " ".join(title)
        self.body_raw = " ".join(body)
        self.autocomplete_raw = " ".join(autocomplete)


class AnalysedDocument(RawDocument):
    """RawDocument plus the analysed token strings stored in the index."""

    def __init__(self, obj):
        super().__init__(obj)
        self.title = index_text(self.title_raw)
        self.body = index_text(self.body_raw)
        self.autocomplete = index_text(self.autocomplete_raw, words=False)


def related_names(model):
    """Names of the RelatedFields of `model` (tags, inline children, foreign keys)."""
    return [field.field_name for field in model.get_search_fields()
            if isinstance(field, RelatedFields)]


def analysed_rows(model, objs):
    """(object_id, title, body, autocomplete) token strings for a batch of objects.

    A batch read from the database (update_index, the benchmark) gets its related
    rows (tags, committee members, attachments) prefetched, one query per relation
    instead of one per object. A single object (a save or publish) is read as it is,
    so in-memory cluster children are used."""
    objs = list(objs)
    if len(objs) > 1:
        for name in related_names(model):
            try:
                prefetch_related_objects(objs, name)
            except (AttributeError, ValueError, TypeError):
                pass  # not prefetchable (a method, say); each object reads its own
    return [(doc.id, doc.title, doc.body, doc.autocomplete)
            for doc in map(AnalysedDocument, objs)]
