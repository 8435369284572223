"""SQLite FTS5 backend: modelsearch's SQLite backend fed with analysed Chinese tokens.

Index entries store the token strings of search.analysis (space separated, so
FTS5's unicode61 tokenizer keeps them as they are); queries are rendered from
the analysed query tree. The match, the ranking (bm25 with title weight) and
the requester's queryset (scope, filters, ordering) run as one SQL query, so
counts and pagination are exact.
"""

from django.db.models import F, FloatField, Func
from django.db.models.lookups import Lookup
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

from .indexer import AnalysedDocument
from .tree import MATCH_ALL, columns_for, to_fts5, tree_for

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)
FTS_COLUMN = "index_entries__sqliteftsindexentry__title"

# Column weights for bm25(); the FTS table columns are (autocomplete, body, title).
TITLE_WEIGHT = 4.0


def _table(compiler, expression):
    sql, _params = compiler.compile(expression)
    return sql.rsplit(".", 1)[0]


class FTS5Match(Lookup):
    """`<fts table> MATCH %s`, the table taken from the (joined) column on the left.

    Registered on the FTS model's title field only, so a filter through the
    relation path gives an INNER JOIN, which FTS5 needs to use its index.
    """

    lookup_name = "chinese_fts5_match"

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        return f"{_table(compiler, self.lhs)} MATCH %s", [self.rhs]


class BM25(Func):
    """Relevance from FTS5's bm25(), negated so that higher is better."""

    output_field = FloatField()

    def __init__(self, column, weights):
        super().__init__(column)
        self.weights = weights

    def as_sql(self, compiler, connection, **extra):
        table = _table(compiler, self.source_expressions[0])
        weights = ", ".join(str(float(w)) for w in self.weights)
        return f"(-bm25({table}, {weights}))", []


SQLiteFTSIndexEntry._meta.get_field("title").register_lookup(FTS5Match)


class ChineseSQLiteIndex(SQLiteIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        docs = {doc.id: doc for doc in map(AnalysedDocument, objs)}
        if not docs:
            return
        content_type_pk = get_content_type_pk(model)
        entries = self.entries.filter(content_type_id=content_type_pk)
        existing = {e.object_id: e for e in entries.filter(object_id__in=list(docs))}
        for object_id, entry in existing.items():
            doc = docs[object_id]
            entry.title, entry.body, entry.autocomplete = doc.title, doc.body, doc.autocomplete
            entry.title_norm = 1.0
        if existing:
            IndexEntry._default_manager.bulk_update(
                existing.values(), ["title", "body", "autocomplete", "title_norm"], batch_size=200)
        IndexEntry._default_manager.bulk_create([
            IndexEntry(content_type_id=content_type_pk, object_id=doc.id, title=doc.title,
                       body=doc.body, autocomplete=doc.autocomplete)
            for object_id, doc in docs.items() if object_id not in existing
        ], batch_size=200)
        self._refresh_title_norms()


class ChineseSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    COLUMNS = ("title", "body")
    AUTOCOMPLETE = False

    def check(self):
        # The database backends run the caller's queryset as SQL, so any filter works
        # (scope paths, organisation, tags); no need to restrict to FilterFields.
        pass

    def match_string(self):
        tree = tree_for(self.query, autocomplete=self.AUTOCOMPLETE)
        if tree is None or tree is MATCH_ALL:
            return tree
        columns = columns_for(self.fields, self.COLUMNS)
        return "{" + " ".join(columns) + "} : " + to_fts5(tree)

    def weights(self):
        return (0.0, 1.0, TITLE_WEIGHT)

    def search(self, config, start, stop, score_field=None):
        match = self.match_string()
        queryset = self.queryset
        if match is None:
            return queryset.none()
        if match is MATCH_ALL:
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return queryset[start:stop]
        queryset = queryset.filter(**{f"{FTS_COLUMN}__{FTS5Match.lookup_name}": match})
        if self.order_by_relevance or score_field:
            queryset = queryset.annotate(**{score_field or "_score": BM25(F(FTS_COLUMN),
                                                                          self.weights())})
        if self.order_by_relevance:
            queryset = queryset.order_by(f"-{score_field or '_score'}", "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class ChineseSQLiteAutocompleteQueryCompiler(ChineseSQLiteSearchQueryCompiler,
                                             SQLiteAutocompleteQueryCompiler):
    COLUMNS = ("autocomplete",)
    AUTOCOMPLETE = True

    def weights(self):
        return (1.0, 0.0, 0.0)


class ChineseSQLiteSearchResults(SQLiteSearchResults):
    pass


class ChineseSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = ChineseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler
    index_class = ChineseSQLiteIndex
    results_class = ChineseSQLiteSearchResults
