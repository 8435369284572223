"""What a database index entry holds for an object: analysed token strings."""

from concurrent.futures import ThreadPoolExecutor

from django.db import transaction
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


def analysed(doc):
    """(object_id, title, body, autocomplete): the token strings stored for a RawDocument."""
    return (doc.id, index_text(doc.title_raw), index_text(doc.body_raw),
            index_text(doc.autocomplete_raw, words=False))


def related_names(model):
    """Names of the RelatedFields of `model` (tags, inline children, foreign keys)."""
    return [field.field_name for field in model.get_search_fields()
            if isinstance(field, RelatedFields)]


def prefetch_related_fields(model, objs):
    """The related rows of `objs`' RelatedFields, one query per relation."""
    for name in related_names(model):
        try:
            prefetch_related_objects(objs, name)
        except (AttributeError, ValueError, TypeError):
            pass  # not prefetchable (a method, say); each object reads its own


def prefetched(model, objs):
    """A batch read from the database (update_index, the benchmark) gets its related
    rows (tags, committee members, attachments) prefetched, one query per relation
    instead of one per object. A single object (a save or publish) is read as it is,
    so in-memory cluster children are used."""
    objs = list(objs)
    if len(objs) > 1:
        prefetch_related_fields(model, objs)
    return objs


def _analyse(docs):
    return list(map(analysed, docs))


# Objects per write while the next ones are analysed (see analysed_batches).
PIPELINE_BATCH = 50


def analysed_batches(model, objs, size=PIPELINE_BATCH):
    """The analysed rows of `objs` in batches of `size`, each analysed while the caller
    writes the one before.

    The database write (SQLite's FTS5 work inside sqlite3_step, PostgreSQL's GIN update
    while psycopg waits) runs without the GIL, so the text analysis of the next batch,
    pure Python, runs beside it on the other core instead of after it. Only the
    analysis leaves the calling thread: field values (which may query) are read here,
    and every write stays on the caller's connection and inside its transaction."""
    docs = [RawDocument(obj) for obj in prefetched(model, objs)]
    yield from pipelined(_analyse, docs, size, "search-analysis")


def pipelined(analyse, items, size, thread_name):
    """analyse(chunk) of each `size` items, the next chunk analysed in a worker thread
    while the caller handles (writes) the one before; results in order."""
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    if len(chunks) <= 1:
        yield from map(analyse, chunks)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=thread_name) as pool:
        pending = pool.submit(analyse, chunks[0])
        for chunk in chunks[1:]:
            done = pending.result()
            pending = pool.submit(analyse, chunk)
            yield done
        yield pending.result()


class AnalysedIndexMixin:
    """add_items() for the SQLite and PostgreSQL indexes: the objects' analysed rows, each
    batch written by the index's own add_analysed(model, rows)."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        # One transaction for the whole call: FTS5 flushes its in-memory index once.
        with transaction.atomic(using=self.write_connection.alias):
            for rows in analysed_batches(model, objs):
                self.add_analysed(model, rows)

    def _refresh_title_norms(self, full=False):
        # modelsearch recomputes a title-length norm over the whole table after every
        # batch (quadratic over a rebuild); these backends' ranking does not use it.
        pass
