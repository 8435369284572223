"""SQLite FTS5 backend: modelsearch's SQLite backend fed with analysed Chinese tokens.

Index entries store the token strings of search.analysis (space separated, so
FTS5's unicode61 tokenizer keeps them as they are); queries are rendered from
the analysed query tree. The match, the ranking (bm25 with title weight) and
the requester's queryset (scope, filters, ordering) run as one SQL query, so
counts and pagination are exact.
"""

import time

from django.db import connections, transaction
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

from .indexer import analysed_batches
from .results import EntryDrivenCompilerMixin, EntryDrivenSearchResults
from .tree import columns_for, to_fts5

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)

# Column weights for bm25(); the FTS table columns are (autocomplete, body, title, kind).
TITLE_WEIGHT = 10.0
TITLE_FTS = f"{IndexEntry._meta.db_table}_title_fts"  # migration 0004
_title_fts_seen = set()


def _title_fts_exists(alias):
    # Remembered once found; a database migrated before 0004 keeps the main-table path.
    if alias not in _title_fts_seen:
        with connections[alias].cursor() as cursor:
            if TITLE_FTS in connections[alias].introspection.table_names(cursor):
                _title_fts_seen.add(alias)
    return alias in _title_fts_seen


_kind_seen = set()
KIND_COUNTS_TTL = 60.0  # seconds: the counts choose the plan, never the result
_kind_counts = {}


def _share_of_index(alias, content_type_ids):
    """The share of the index's entries these content types hold, read at most once a
    minute per database."""
    now = time.monotonic()
    kept = _kind_counts.get(alias)
    if kept is None or now - kept[0] > KIND_COUNTS_TTL:
        with connections[alias].cursor() as cursor:
            cursor.execute(f"SELECT content_type_id, COUNT(*) FROM {IndexEntry._meta.db_table} "  # noqa: S608
                           "GROUP BY content_type_id")
            kept = _kind_counts[alias] = (now, dict(cursor.fetchall()))
    counts = kept[1]
    total = sum(counts.values())
    return sum(counts.get(pk, 0) for pk in content_type_ids) / total if total else 1.0


def _kind_exists(alias):
    # Migration 0005's `kind` column; remembered once found, like the title table.
    if alias not in _kind_seen:
        with connections[alias].cursor() as cursor:
            cursor.execute(f"SELECT name FROM pragma_table_info('{SQLiteFTSIndexEntry._meta.db_table}')")
            if "kind" in {row[0] for row in cursor.fetchall()}:
                _kind_seen.add(alias)
    return alias in _kind_seen


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
    """Relevance from FTS5's bm25() with column weights, negated so that higher is better."""

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
        # One transaction for the whole call: FTS5 flushes its in-memory index once.
        with transaction.atomic(using=self.write_connection.alias):
            for rows in analysed_batches(model, objs):
                self.add_analysed(model, rows)

    def add_analysed(self, model, rows):
        """Write (object_id, title, body, autocomplete) token strings: one multi-row
        upsert per call; the FTS5 index follows by trigger (migration 0002).

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

    def _refresh_title_norms(self, full=False):
        # modelsearch recomputes a title-length norm over the whole table after every
        # batch (quadratic over a rebuild); this backend's ranking does not use it.
        pass


class ChineseSQLiteSearchQueryCompiler(EntryDrivenCompilerMixin, SQLiteSearchQueryCompiler):
    COLUMNS = ("title", "body")
    AUTOCOMPLETE = False
    object_id_path = "index_entry__object_id"
    # FTS5 walks its doclists in rowid order, either way, without sorting.
    newest_first = ("-index_entry_id",)
    # FTS5's bm25() starts by reading the whole doclist of every phrase of the query to
    # weigh it (inverse document frequency), however few rows are asked for: 15-55 ms
    # for common words at 100,000 documents, against under 2 ms for the match itself.
    # So a query with more matches than this ranks its title matches by bm25 on the
    # small title-only table and the others newest first. The matches are counted over
    # the whole index, every type: a doclist is that long whatever the content types
    # and scope asked for (10,000 notices holding 机关党委 made bm25 cost 6-7 ms in a
    # search of organisations with a handful of matches).
    many_matches_limit = 1000
    many_matches_over = "index"

    def plain_matches(self):
        return SQLiteFTSIndexEntry.objects.filter(**{
            f"title__{FTS5Match.lookup_name}": self.match_expression(self.tree(), every_kind=True)})

    def columns(self):
        return columns_for(self.fields, self.COLUMNS)

    def has_title_tier(self):
        return "title" in self.columns() and len(self.columns()) > 1

    def match_expression(self, tree, tier=None, every_kind=False):
        query = to_fts5(tree)
        match = "{" + " ".join(self.columns()) + "} : " + query
        if tier == "title":
            # A title match is a match: the title filter alone selects the tier, and FTS5
            # then reads the phrase once, not twice (2-3x faster at 17,000 documents).
            match = f"{{title}} : {query}"
        kinds = "" if every_kind else self.kinds()
        if kinds:
            match = f"({match}) AND ({kinds})"
        if tier == "rest":
            return f"({match}) NOT ({{title}} : {query})"
        return match

    # Name the type in the MATCH only for a type holding less than this share of the
    # index: for the bulk of it, intersecting with its own long `kind` doclist (which
    # bm25 also reads whole, for its weight) costs more than the walk it saves.
    KIND_SHARE = 0.5

    def kinds(self):
        """`{kind} : (ct36 OR ...)` for the model's content types (migration 0005), so the
        match reads the word's doclist only where it meets this type's; '' before 0005,
        or for a type holding most of the index."""
        alias, types = self.queryset.db, self.content_type_ids()
        if not _kind_exists(alias) or _share_of_index(alias, types) >= self.KIND_SHARE:
            return ""
        return "{kind} : (" + " OR ".join(f"ct{pk}" for pk in types) + ")"

    def match_entries(self, tree, tier=None):
        # `content_type_id + 0` keeps SQLite from driving the query by the content-type
        # index (and probing the FTS table once per entry): the MATCH must lead. (Driving
        # small types by their entries was tried: each FTS5 probe re-reads the phrase's
        # doclists, 0.1-0.4 ms, so it lost on rare and common words alike.)
        return SQLiteFTSIndexEntry.objects.alias(
            _ct=F("index_entry__content_type_id") + Value(0)
        ).filter(**{f"title__{FTS5Match.lookup_name}": self.match_expression(tree, tier)},
                 _ct__in=self.content_type_ids())

    def candidates(self, tier, limit, recent=None):
        if tier != "title" or not _title_fts_exists(self.queryset.db):
            return super().candidates(tier, limit, recent)
        # The main table's title-tier query (scope, filters, order, limit as Django
        # compiles them) pointed at the title-only FTS5 table of migration 0004: it
        # reads title doclists only, not every body position of the phrase. Same rows;
        # bm25 of the one title column.
        entries = (self.entries(tier).annotate(_rank=BM25(F("title"), (TITLE_WEIGHT, 0.0)))
                   .order_by(*self.newest_first).values_list("_oid", "_rank")[:limit])
        sql, params = entries.query.sql_with_params()
        sql = sql.replace(f'"{SQLiteFTSIndexEntry._meta.db_table}"', f'"{TITLE_FTS}"')
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def weights(self):
        return (0.0, 1.0, TITLE_WEIGHT, 0.0)  # `kind` (0005) must not score

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
