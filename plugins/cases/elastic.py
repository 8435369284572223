"""Search inside the library on Elasticsearch, when it is the site's search engine.

One query does it all: the site search's full-text match on the segmented fields, the
library (a path prefix: cases are its children), the requester's scope (the search
app's `scope_filters`: live, must_not path prefixes), the facet filters, the order,
one page, and every facet count as an aggregation over the same hits. 领域 and 创新类型
are the keywords this plugin's search provider adds to each case's document
("case_field:community", see plugins.cases.search), so they filter and count like tags.
"""

import logging
from dataclasses import dataclass

from .choices import FIELD_CHOICES, TYPE_CHOICES
from .facets import MAX_TAGS

logger = logging.getLogger(__name__)
# ES refuses from + size beyond index.max_result_window (10,000 by default): pages past
# it use the database.
MAX_WINDOW = 10_000
YEAR_BUCKETS = 200  # years are checked to lie in 1921..2100


class BeyondWindow(Exception):
    """A page Elasticsearch will not serve (from + size past max_result_window)."""


def elasticsearch_active():
    from search.engines import get_engine
    from search.engines.elasticsearch import ElasticsearchEngine

    return isinstance(get_engine(), ElasticsearchEngine)


@dataclass
class VisibleCases:
    """(page id, field, innovation type) of every case of the library the requester may see."""

    rows: list

    def has(self, field=None, innovation_type=None):
        """Whether any visible case has this 领域 / 创新类型 (if not, nothing can match)."""
        return any((field is None or f == field)
                   and (innovation_type is None or t == innovation_type)
                   for _pk, f, t in self.rows)

    @property
    def pks(self):
        return {row[0] for row in self.rows}


def visible_cases(library, resolver):
    return VisibleCases(list(library.visible_summaries(resolver)
                             .values_list("page_id", "field", "innovation_type")))


def build_library_search(index, tree, state, *, library_path, hidden_paths, topic=None,
                         start=0, size=15):
    """The elasticsearch.dsl Search of one page of the library's search results."""
    from elasticsearch.dsl import Q, Search

    from search.backends.elasticsearch.queries import scope_filters, tree_query
    from search.providers import keyword

    from .search import FIELD_KEY, TYPE_KEY

    filters, must_not = scope_filters(hidden_paths)
    filters += [Q("term", type="case"), Q("prefix", path=library_path)]
    chosen = state.filters
    if "field" in chosen:
        filters.append(Q("term", facets=keyword(FIELD_KEY, chosen["field"])))
    if "type" in chosen:
        filters.append(Q("term", facets=keyword(TYPE_KEY, chosen["type"])))
    if "year" in chosen:
        filters.append(Q("term", year=int(chosen["year"])))
    if "tag" in chosen:
        filters.append(Q("term", tags=chosen["tag"]))
    if topic is not None:
        filters.append(Q("terms", tags=topic.tags or [""]))
    search = Search(index=index).query(
        Q("bool", must=[tree_query(tree)], filter=filters, must_not=must_not))
    # Counts over the hits, i.e. within scope and every chosen filter (as the database
    # path counts its matched queryset).
    for name, prefix, choices in (("fields", FIELD_KEY, FIELD_CHOICES),
                                  ("types", TYPE_KEY, TYPE_CHOICES)):
        search.aggs.bucket(name, "terms", field="facets", size=len(choices),
                           include=[keyword(prefix, key) for key, _label in choices])
    search.aggs.bucket("years", "terms", field="year", size=YEAR_BUCKETS)
    search.aggs.bucket("tags", "terms", field="tags", size=MAX_TAGS,
                       order=[{"_count": "desc"}, {"_key": "asc"}])
    if state.sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    else:
        search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    search = search.source(["object_id"]).extra(track_total_hits=True)
    return search[start:start + size]


def ids_of(response):
    return [int(hit.object_id) for hit in response.hits]


def facets_of(response):
    """The facets of all_facets() (same shapes and orders) from the aggregations."""
    aggs = response.to_dict().get("aggregations", {})

    def filter_counts(name, choices):
        counts = {b["key"].partition(":")[2]: b["doc_count"]
                  for b in aggs.get(name, {}).get("buckets", [])}
        return [(key, label, counts[key]) for key, label in choices if counts.get(key)]

    years = sorted(((int(b["key"]), b["doc_count"]) for b in aggs["years"]["buckets"]
                    if b["doc_count"]), reverse=True)
    return {
        "field": filter_counts("fields", FIELD_CHOICES),
        "type": filter_counts("types", TYPE_CHOICES),
        "year": years,
        "tag": [(b["key"], b["doc_count"]) for b in aggs["tags"]["buckets"]],
        "total": response.hits.total.value,
    }


class HitIds:
    """The matched case ids as a sequence for Paginator: its total known, each page one
    query (the first page asked for already ran, with the facets)."""

    def __init__(self, total, fetch, per_page):
        self.total, self.fetch, self.per_page = total, fetch, per_page
        self.pages = {}

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("HitIds only serves pages")
        start = item.start or 0
        if start not in self.pages:
            self.pages[start] = self.fetch(start)
        return self.pages[start][:(item.stop or start + self.per_page) - start]


def _backend():
    from wagtail.search.backends import get_search_backend

    return get_search_backend("elasticsearch")


def search_library(library, state, resolver, topic=None, page=1, per_page=15):
    """(HitIds, facets) for a library search on Elasticsearch.

    Raises whatever Elasticsearch raises; the caller falls back to the database.
    """
    from search.analysis import analyse_query

    tree = analyse_query(state.query)
    visible = visible_cases(library, resolver)
    empty = {"field": [], "type": [], "year": [], "tag": [], "total": 0}
    chosen = state.filters
    narrowed = ("field" in chosen or "type" in chosen) and not visible.has(
        chosen.get("field"), chosen.get("type"))
    if tree is None or narrowed or not visible.rows:
        return HitIds(0, lambda start: [], per_page), empty  # nothing can match: no query
    backend = _backend()
    index = backend.index_name
    pks = visible.pks

    def run(start):
        search = build_library_search(
            index, tree, state, library_path=library.path, hidden_paths=resolver.hidden_paths,
            topic=topic, start=start, size=per_page)
        return search.using(backend.client).execute()

    def fetch(start):
        if start + per_page > MAX_WINDOW:
            raise BeyondWindow(start)
        # A hit the rows do not know was unpublished or re-scoped since it was indexed.
        return [pk for pk in ids_of(run(start)) if pk in pks]

    first = max(page, 1) if page * per_page <= MAX_WINDOW else 1
    response = run((first - 1) * per_page)
    hits = HitIds(response.hits.total.value, fetch, per_page)
    hits.pages[(first - 1) * per_page] = [pk for pk in ids_of(response) if pk in pks]
    if not hits.total:
        hits.pages[0] = []  # page 1 is the page served: no second query
    return hits, facets_of(response)
