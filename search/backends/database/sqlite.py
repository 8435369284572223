"""SQLite FTS5 backend: modelsearch's SQLite backend fed with analysed Chinese tokens.

Index entries store the token strings of search.analysis (space separated, so
FTS5's unicode61 tokenizer keeps them as they are); queries are rendered from
the analysed query tree and read the project's own FTS5 table over the entries
(search.models.ChineseFTSEntry, with a one-character prefix index). The match,
the ranking (bm25 with title weight) and the requester's queryset (scope,
filters, ordering) run as one SQL query, so counts and pagination are exact.
"""

from django.db import transaction
from django.db.models import F, FloatField, Func
from django.db.models.lookups import Lookup
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

from search.models import ChineseFTSEntry

from .indexer import AnalysedIndexMixin
from .results import EntryDrivenCompilerMixin, EntryDrivenSearchResults
from .tree import to_fts5

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)

# Column weights for bm25(); the FTS table's columns are
# (autocomplete, body, title, content_type_id).
TITLE_WEIGHT = 10.0


def _table(compiler, expression):
    """The FTS5 table's hidden column of the same name, qualified by the query's alias.

    FTS5 accepts `<that column> MATCH ...` and bm25(<that column>), which also
    works when Django aliases the table inside a subquery (U0).
    """
    sql, _params = compiler.compile(expression)
    alias = sql.rsplit(".", 1)[0]
    return f'{alias}."{ChineseFTSEntry._meta.db_table}"'


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
    """Relevance from FTS5's bm25() with column weights, negated so that higher is better."""

    output_field = FloatField()

    def __init__(self, column, weights):
        super().__init__(column)
        self.weights = weights

    def as_sql(self, compiler, connection, **extra):
        table = _table(compiler, self.source_expressions[0])
        weights = ", ".join(str(float(w)) for w in self.weights)
        return f"(-bm25({table}, {weights}))", []


ChineseFTSEntry._meta.get_field("title").register_lookup(FTS5Match)


class ChineseSQLiteIndex(AnalysedIndexMixin, SQLiteIndex):
    def add_analysed(self, model, rows):
        """Write (object_id, title, body, autocomplete) token strings: one multi-row
        upsert per call; triggers keep the FTS5 tables (Wagtail's and ours) in step.

        One statement, not one per row, so sqlite3 runs the whole batch (FTS5's
        tokenising and merging included) in one call without the GIL, which is what
        lets analysed_batches analyse the next batch meanwhile."""
        if not rows:
            return
        content_type_pk = get_content_type_pk(model)
        table = IndexEntry._meta.db_table
        params = []
        for object_id, title, body, autocomplete in rows:
            params.extend((content_type_pk, object_id, title, body, autocomplete))
        values = ", ".join(["(%s, %s, %s, %s, %s, 1.0)"] * len(rows))
        with transaction.atomic(using=self.write_connection.alias), \
                self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, body, autocomplete, "  # noqa: S608
                f"title_norm) VALUES {values} ON CONFLICT (content_type_id, object_id) DO "
                "UPDATE SET title = excluded.title, body = excluded.body, "
                "autocomplete = excluded.autocomplete", params)

class ChineseSQLiteSearchQueryCompiler(EntryDrivenCompilerMixin, SQLiteSearchQueryCompiler):
    object_id_path = "index_entry__object_id"
    # FTS5 walks its doclists in rowid order, either way, without sorting.
    newest_first = ("-index_entry_id",)
    # FTS5's bm25() starts by reading the whole doclist of every phrase of the query to
    # weigh it (inverse document frequency), however few rows are asked for. So a query
    # with more matches than this ranks its title matches by bm25 and the others newest
    # first. The matches are counted over the whole index, every type: a doclist is that
    # long whatever the content types and scope asked for.
    many_matches_limit = 1000

    def plain_matches(self):
        return ChineseFTSEntry.objects.filter(**{
            f"title__{FTS5Match.lookup_name}": self.match_expression(self.tree())})

    def has_title_tier(self):
        return "title" in self.columns() and len(self.columns()) > 1

    def match_expression(self, tree, tier=None):
        query = to_fts5(tree)
        if tier == "title":
            return f"{{title}} : {query}"
        match = "{" + " ".join(self.columns()) + "} : " + query
        if tier == "rest":
            return f"({match}) NOT ({{title}} : {query})"
        return match

    def match_entries(self, tree, tier=None):
        # The entry's content type is a column of our FTS5 table, so the match itself
        # skips other types' entries instead of joining each to read its type.
        types = " OR ".join(f'"{pk}"' for pk in self.content_type_ids())
        match = f"({self.match_expression(tree, tier)}) AND {{content_type_id}} : ({types})"
        return ChineseFTSEntry.objects.filter(**{f"title__{FTS5Match.lookup_name}": match})

    def weights(self):
        return (0.0, 1.0, TITLE_WEIGHT, 0.0)

    def score(self, tier=None):
        # In the title tier the match is `{title} : q`, so bm25 counts the title's hits.
        return BM25(F("title"), self.weights())


class ChineseSQLiteAutocompleteQueryCompiler(ChineseSQLiteSearchQueryCompiler,
                                             SQLiteAutocompleteQueryCompiler):
    COLUMNS = ("autocomplete",)
    AUTOCOMPLETE = True

    def weights(self):
        return (1.0, 0.0, 0.0, 0.0)


class ChineseSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = ChineseSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseSQLiteAutocompleteQueryCompiler
    index_class = ChineseSQLiteIndex
    results_class = EntryDrivenSearchResults
