"""PostgreSQL backend: modelsearch's PostgreSQL backend fed with analysed Chinese tokens.

Index entries are built by PostgreSQL from search.analysis token strings with the
"simple" text-search configuration, which keeps each space-separated token as it
is (no stemming, no stop words); queries are tsquery literals rendered from the
analysed query tree, so both sides agree token for token. `body` holds the title
tokens (weight A) and the body tokens (weight D), so a search reads one column
through Wagtail's GIN index on it; `title` (with its own small GIN index) gives
the title tier of the ranking. Relevance is ts_rank on `body` (a title
occurrence weighs ten body ones). The caller's queryset (scope, filters) is part
of the same SQL query; see results.py for the bounded candidate ranking.
"""

from django.db.models import F, FloatField, Func
from django.db.models.lookups import Lookup
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.conf import get_app_config
from modelsearch.utils import get_content_type_pk

from .indexer import AnalysedIndexMixin
from .results import EntryDrivenCompilerMixin, EntryDrivenSearchResults
from .tree import to_tsquery

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
TITLE_WEIGHT = 10.0
MAX_POSITION = 16383  # PostgreSQL's limit
MAX_POSITIONS_PER_LEXEME = 255


def _quote(token):
    return token.replace("\\", "\\\\").replace("'", "''")


def tsvector_literal(*parts):
    """A tsvector literal ('tok':1A,5 ...) for token strings: tsvector_literal(text, weight)
    or tsvector_literal((text, weight), (text, weight), ...), positions running on across
    the parts. Written for speed: a document has ~2,000 tokens and this runs per document."""
    if len(parts) == 2 and isinstance(parts[0], str) and isinstance(parts[1], str):
        parts = (parts,)
    elif len(parts) == 1 and isinstance(parts[0], str):
        parts = ((parts[0], "D"),)
    positions = {}
    position = 0
    for text, weight in parts:
        label = "" if weight == "D" else weight
        for token in text.split():
            if position < MAX_POSITION:
                position += 1
            mark = f"{position}{label}" if label else position
            found = positions.get(token)
            if found is None:
                positions[token] = [mark]
            elif len(found) < MAX_POSITIONS_PER_LEXEME and found[-1] != mark:
                found.append(mark)
    needs_quoting = any("'" in text or "\\" in text for text, _weight in parts)
    return " ".join(
        f"'{_quote(token) if needs_quoting else token}':{','.join(map(str, found))}"
        for token, found in positions.items())


def _match_sql(table, columns, tier):
    """SQL matching a tsquery parameter (columns: which index columns to match)."""
    if tier == "title" or tuple(columns) == ("title",):
        return f'{table}."title" @@ %s::tsquery', 1
    column = "autocomplete" if "autocomplete" in columns else "body"
    sql = f'{table}."{column}" @@ %s::tsquery'
    if tier == "rest":
        return f'{sql} AND NOT ({table}."title" @@ %s::tsquery)', 2
    return sql, 1


class TSMatch(Lookup):
    """Matches an entry's columns against a tsquery literal; rhs is (columns, tsquery, tier)."""

    lookup_name = "chinese_tsmatch"

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        lhs, _params = compiler.compile(self.lhs)
        table = lhs.rsplit(".", 1)[0]
        columns, tsquery, tier = self.rhs
        sql, count = _match_sql(table, columns, tier)
        return f"({sql})", [tsquery] * count


class TSRank(Func):
    """ts_rank over one column with PostgreSQL's default weights (A = 1.0 for title
    tokens, D = 0.1 for body tokens: a title occurrence counts ten body ones)."""

    output_field = FloatField()

    def __init__(self, column, tsquery):
        super().__init__(F("title"))
        self.column = column
        self.tsquery = tsquery

    def as_sql(self, compiler, connection, **extra):
        lhs, _params = compiler.compile(self.source_expressions[0])
        table = lhs.rsplit(".", 1)[0]
        return f'ts_rank({table}."{self.column}", %s::tsquery)', [self.tsquery]


IndexEntry._meta.get_field("title").register_lookup(TSMatch)

# Built by PostgreSQL from the token strings: the "simple" configuration splits at the
# spaces and keeps each token as it is (tokens are letters and digits, already folded),
# numbering positions like tsvector_literal() does -- in C, not in Python.
_VECTOR = "to_tsvector('pg_catalog.simple'::regconfig, {})"


class ChinesePostgresIndex(AnalysedIndexMixin, PostgresIndex):
    def add_analysed(self, model, rows):
        """Write (object_id, title, body, autocomplete) token strings, one multi-row
        INSERT ... ON CONFLICT per call. `body` holds the title tokens (weight A) followed
        by the body tokens (weight D), so a title-or-body match reads one column and one
        GIN index; `title` alone serves title matches and the title tier."""
        if not rows:
            return
        content_type_pk = get_content_type_pk(model)
        values, params = [], []
        for object_id, title, body, autocomplete in rows:
            values.append("(%s, %s, %s, %s)")
            params.extend([object_id, title, body, autocomplete])
        title_vector = f"setweight({_VECTOR.format('v.title')}, 'A')"
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "  # noqa: S608
                "title_norm, title_text, body_text) "
                f"SELECT %s, v.object_id, {title_vector}, {_VECTOR.format('v.autocomplete')}, "
                f"{title_vector} || {_VECTOR.format('v.body')}, 1.0, '', '' "
                "FROM (VALUES " + ", ".join(values) + ") AS v(object_id, title, body, autocomplete)"
                " ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title,"
                " autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body",
                [content_type_pk, *params],
            )

class ChinesePostgresSearchQueryCompiler(EntryDrivenCompilerMixin, PostgresSearchQueryCompiler):
    object_id_path = "object_id"
    # GIN gives no order; candidates are read in table order (a bitmap heap scan that
    # stops at the LIMIT), never sorted over every match.
    newest_first = None

    def has_title_tier(self):
        return set(self.columns()) == {"title", "body"}

    def match_entries(self, tree, tier=None):
        columns = self.columns()
        # `body` also holds the title tokens (weight A): a body-only search keeps weight D.
        self._tsquery = to_tsquery(tree, weight="D" if tuple(columns) == ("body",) else "")
        return IndexEntry._default_manager.filter(
            **{f"title__{TSMatch.lookup_name}": (columns, self._tsquery, tier)},
            content_type_id__in=self.content_type_ids())

    def score(self, tier=None):
        if tier == "title":
            # Rank title matches by their (small) title vector, as the SQLite title tier
            # does: ts_rank on `body` would decompress each candidate's whole text.
            return TSRank("title", self._tsquery)
        columns = self.columns()
        column = "autocomplete" if "autocomplete" in columns else (
            "title" if tuple(columns) == ("title",) else "body")
        return TSRank(column, self._tsquery)


class ChinesePostgresAutocompleteQueryCompiler(ChinesePostgresSearchQueryCompiler,
                                               PostgresAutocompleteQueryCompiler):
    COLUMNS = ("autocomplete",)
    AUTOCOMPLETE = True


class ChinesePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = ChinesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler
    index_class = ChinesePostgresIndex
    results_class = EntryDrivenSearchResults
