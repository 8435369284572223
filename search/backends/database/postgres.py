"""PostgreSQL backend: modelsearch's PostgreSQL backend fed with analysed Chinese tokens.

Index entries are written as tsvector literals built from search.analysis tokens
(no text-search parser or dictionary touches them), queries as tsquery literals
rendered from the analysed query tree, so both sides agree token for token.
The match runs on a GIN index over (title || body) created by this app's
migration; ranking is ts_rank with a title weight. The caller's queryset
(scope, filters) is part of the same SQL query.
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

from search.analysis.tokens import MAX_TOKEN_LENGTH

from .indexer import AnalysedDocument
from .results import EntryDrivenCompilerMixin, EntryDrivenSearchResults
from .tree import columns_for, to_tsquery

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
TITLE_WEIGHT = 10.0
TITLE_MATCH_BONUS = 1000.0
MAX_POSITION = 16383  # PostgreSQL's limit
MAX_POSITIONS_PER_LEXEME = 255


def tsvector_literal(text, weight="D"):
    """A tsvector literal ('tok':1,5A ...) for a space-separated token string."""
    positions = {}
    for position, token in enumerate(text.split(), start=1):
        found = positions.setdefault(token[:MAX_TOKEN_LENGTH], [])
        if len(found) < MAX_POSITIONS_PER_LEXEME:
            found.append(min(position, MAX_POSITION))
    label = "" if weight == "D" else weight
    parts = []
    for token, found in positions.items():
        quoted = token.replace("\\", "\\\\").replace("'", "''")
        parts.append(f"'{quoted}':" + ",".join(f"{p}{label}" for p in sorted(set(found))))
    return " ".join(parts)


class TSMatch(Lookup):
    """Matches an entry's columns against a tsquery literal; rhs is (columns, tsquery)."""

    lookup_name = "chinese_tsmatch"

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        lhs, _params = compiler.compile(self.lhs)
        table = lhs.rsplit(".", 1)[0]
        columns, tsquery = self.rhs
        vector = " || ".join(f'{table}."{c}"' for c in columns)
        return f"({vector}) @@ %s::tsquery", [tsquery]


class TSRank(Func):
    output_field = FloatField()

    def __init__(self, column, tsquery, weights):
        super().__init__(column)
        self.tsquery = tsquery
        self.weights = weights

    def as_sql(self, compiler, connection, **extra):
        lhs, _params = compiler.compile(self.source_expressions[0])
        table = lhs.rsplit(".", 1)[0]
        terms = [f'ts_rank({table}."{column}", %s::tsquery) * {float(weight)}'
                 for column, weight in self.weights]
        params = [self.tsquery] * len(terms)
        if any(column == "title" for column, _w in self.weights):
            # Entries whose title alone matches the query come first.
            terms.append(f'CASE WHEN {table}."title" @@ %s::tsquery THEN {TITLE_MATCH_BONUS} '
                         "ELSE 0 END")
            params.append(self.tsquery)
        return "(" + " + ".join(terms) + ")", params


IndexEntry._meta.get_field("title").register_lookup(TSMatch)


class ChinesePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        docs = [AnalysedDocument(obj) for obj in objs]
        if not docs:
            return
        content_type_pk = get_content_type_pk(model)
        rows, params = [], []
        for doc in docs:
            rows.append("(%s, %s, %s::tsvector, %s::tsvector, %s::tsvector, 1.0, '', '')")
            params.extend([content_type_pk, doc.id, tsvector_literal(doc.title, "A"),
                           tsvector_literal(doc.autocomplete), tsvector_literal(doc.body)])
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, "  # noqa: S608
                "title_norm, title_text, body_text) VALUES " + ", ".join(rows) +
                " ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title,"
                " title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body",
                params,
            )
        self._refresh_title_norms()


class ChinesePostgresSearchQueryCompiler(EntryDrivenCompilerMixin, PostgresSearchQueryCompiler):
    COLUMNS = ("title", "body")
    AUTOCOMPLETE = False
    object_id_path = "object_id"

    def match_entries(self, tree):
        self._columns = columns_for(self.fields, self.COLUMNS)
        self._tsquery = to_tsquery(tree)
        return IndexEntry._default_manager.filter(
            **{f"title__{TSMatch.lookup_name}": (self._columns, self._tsquery)},
            content_type_id__in=self.content_type_ids())

    def score(self):
        weights = [(c, TITLE_WEIGHT if c == "title" else 1.0) for c in self._columns]
        return TSRank(F("title"), self._tsquery, weights)


class ChinesePostgresAutocompleteQueryCompiler(ChinesePostgresSearchQueryCompiler,
                                               PostgresAutocompleteQueryCompiler):
    COLUMNS = ("autocomplete",)
    AUTOCOMPLETE = True


class ChinesePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = ChinesePostgresSearchQueryCompiler
    autocomplete_query_compiler_class = ChinesePostgresAutocompleteQueryCompiler
    index_class = ChinesePostgresIndex
    results_class = EntryDrivenSearchResults
