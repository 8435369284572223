"""SQLite FTS5 backend: modelsearch's SQLite backend fed with analysed Chinese tokens.

Index entries store the token strings of search.analysis (space separated, so
FTS5's unicode61 tokenizer keeps them as they are); queries are rendered from
the analysed query tree. The match, the ranking (bm25 with title weight) and
the requester's queryset (scope, filters, ordering) run as one SQL query, so
counts and pagination are exact.
"""

from django.db.models import F, FloatField, Func, Value
from django.db.models.lookups import Lookup
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

from .indexer import AnalysedDocument
from .results import EntryDrivenCompilerMixin, EntryDrivenSearchResults
from .tree import columns_for, to_fts5

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)

# Column weights for bm25(); the FTS table columns are (autocomplete, body, title).
TITLE_WEIGHT = 10.0
TITLE_MATCH_BONUS = 1000.0


def _table(compiler, expression):
    """The FTS5 table's hidden column of the same name, qualified by the query's alias.

    FTS5 accepts `<that column> MATCH ...` and bm25(<that column>), which also
    works when Django aliases the table inside a subquery (U0).
    """
    sql, _params = compiler.compile(expression)
    alias = sql.rsplit(".", 1)[0]
    return f'{alias}."{SQLiteFTSIndexEntry._meta.db_table}"'


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
    """Relevance from FTS5's bm25(), negated so that higher is better; entries whose
    title alone matches the query come first (TITLE_MATCH_BONUS)."""

    output_field = FloatField()

    def __init__(self, column, weights, title_match=None):
        super().__init__(column)
        self.weights = weights
        self.title_match = title_match

    def as_sql(self, compiler, connection, **extra):
        table = _table(compiler, self.source_expressions[0])
        weights = ", ".join(str(float(w)) for w in self.weights)
        sql = f"(-bm25({table}, {weights}))"
        if not self.title_match:
            return sql, []
        fts = SQLiteFTSIndexEntry._meta.db_table
        alias = table.rsplit(".", 1)[0]
        return (f"({sql} + CASE WHEN {alias}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} "
                f"MATCH %s) THEN {TITLE_MATCH_BONUS} ELSE 0 END)"), [self.title_match]


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


class ChineseSQLiteSearchQueryCompiler(EntryDrivenCompilerMixin, SQLiteSearchQueryCompiler):
    COLUMNS = ("title", "body")
    AUTOCOMPLETE = False
    object_id_path = "index_entry__object_id"

    def match_entries(self, tree):
        columns = columns_for(self.fields, self.COLUMNS)
        match = "{" + " ".join(columns) + "} : " + to_fts5(tree)
        self._title_match = "{title} : " + to_fts5(tree) if "title" in columns else None
        # `content_type_id + 0` keeps SQLite from driving the query by the content-type
        # index (and probing the FTS table once per entry): the MATCH must lead.
        return SQLiteFTSIndexEntry.objects.alias(
            _ct=F("index_entry__content_type_id") + Value(0)
        ).filter(**{f"title__{FTS5Match.lookup_name}": match},
                 _ct__in=self.content_type_ids())

    def weights(self):
        return (0.0, 1.0, TITLE_WEIGHT)

    def score(self):
        return BM25(F("title"), self.weights(), getattr(self, "_title_match", None))


class ChineseSQLiteAutocompleteQueryCompiler(ChineseSQLiteSearchQueryCompiler,
                                             SQLiteAutocompleteQueryCompiler):
    COLUMNS = ("autocomplete",)
    AUTOCOMPLETE = True

    def weights(self):
        return (1.0, 0.0, 0.0)


class ChineseSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = ChineseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler
    index_class = ChineseSQLiteIndex
    results_class = EntryDrivenSearchResults
