"""What the library page shows for a request: filters, search, sort, facets and one page.

Bad input never raises: a facet value may be given by its label (field=机关) as well
as its code (field=organ); a value that is neither (field=xyz, year=abc, an over-long
tag) is ignored with a message, so the library still lists what the other conditions
match; page=abc is page 1 and a page past the end is the last page.
"""

import logging
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.http import urlencode

from search.analysis import MAX_QUERY_LENGTH

from .choices import FIELD_LABELS, TYPE_LABELS
from .facets import all_facets

logger = logging.getLogger(__name__)
SORTS = {"relevance": "按相关度", "date": "按日期"}
MAX_TAG_LENGTH = 50
FILTER_KEYS = ("field", "type", "year", "tag")


@dataclass
class Browse:
    query: str = ""
    sort: str = "relevance"
    filters: dict = field(default_factory=dict)  # facet key -> raw value asked for
    labels: dict = field(default_factory=dict)  # facet key -> label to show
    facets: dict = field(default_factory=dict)
    page_obj: object = None
    total: int = 0
    items: list = field(default_factory=list)  # [(case, scope)]
    messages: list = field(default_factory=list)
    search_failed: bool = False
    facet_groups: list = field(default_factory=list)  # [(key, title, [FacetLink])]

    @property
    def filtering(self):
        return bool(self.filters or self.query)

    def query_string(self, drop=(), **changes):
        """The current query string without `drop` keys and page, with `changes` applied."""
        pairs = {"q": self.query, **self.filters}
        if self.sort != "relevance":
            pairs["sort"] = self.sort
        pairs.update(changes)
        return urlencode([(k, v) for k, v in pairs.items() if v and k not in drop])

    def remove_links(self):
        return [(key, self.labels.get(key, self.filters[key]), self.query_string(drop=(key,)))
                for key in FILTER_KEYS if key in self.filters]


@dataclass
class FacetLink:
    value: str
    label: str
    count: int
    query: str  # query string selecting this value (or clearing it when active)
    active: bool


FACET_TITLES = {"field": "领域", "type": "创新类型", "year": "年份", "tag": "标签"}


def facet_groups(state):
    """The facets as link lists; the active value links to the page without it."""
    groups = []
    for key in FILTER_KEYS:
        rows = state.facets.get(key, [])
        links = []
        for row in rows:
            if key in ("field", "type"):
                value, label, count = row
            elif key == "year":
                value, count = row
                label = f"{value}年"
            else:
                value, count = row
                label = value
            value = str(value)
            active = state.filters.get(key) == value
            query = state.query_string(drop=(key,)) if active else state.query_string(
                **{key: value})
            links.append(FacetLink(value, label, count, query, active))
        groups.append((key, FACET_TITLES[key], links))
    return groups


def _clean_text(value, limit):
    return " ".join((value or "").split())[:limit]


def parse(get):
    state = Browse()
    raw_query = " ".join((get.get("q") or "").split())
    if len(raw_query) > MAX_QUERY_LENGTH:
        state.messages.append(f"检索词过长，已只按前{MAX_QUERY_LENGTH}个字符检索。")
    state.query = raw_query[:MAX_QUERY_LENGTH]
    state.sort = get.get("sort") if get.get("sort") in SORTS else "relevance"
    ignored = []
    for key in FILTER_KEYS:
        value = _clean_text(get.get(key), MAX_TAG_LENGTH + 1)
        if not value:
            continue
        if key in ("field", "type"):
            labels = FIELD_LABELS if key == "field" else TYPE_LABELS
            by_label = {label: code for code, label in labels.items()}
            value = value if value in labels else by_label.get(value)
            if value is None:
                ignored.append(key)
                continue
            state.labels[key] = labels[value]
        elif key == "year":
            if not value.isdigit() or not 1921 <= int(value) <= 2100:
                ignored.append(key)
                continue
            state.labels[key] = f"{value}年"
        elif key == "tag" and len(value) > MAX_TAG_LENGTH:
            ignored.append(key)
            continue
        state.filters[key] = value
    if ignored:
        state.messages.append("部分筛选条件无效，已忽略。")
    return state


def apply_summary_filters(rows, state, topic=None):
    """The same filters on CaseSummary rows (the library page without a search)."""
    from pages.models import ArticleTag

    if topic is not None:
        rows = rows.filter(page_id__in=ArticleTag.objects.filter(
            tag__name__in=topic.tags or [""]).values("content_object_id"))
    filters = state.filters
    if "field" in filters:
        rows = rows.filter(field=filters["field"])
    if "type" in filters:
        rows = rows.filter(innovation_type=filters["type"])
    if "year" in filters:
        rows = rows.filter(year=int(filters["year"]))
    if "tag" in filters:
        rows = rows.filter(page_id__in=ArticleTag.objects.filter(
            tag__name=filters["tag"]).values("content_object_id"))
    return rows


# What a list entry shows (cases/includes/case_list.html), its link and its scope badge:
# loading only these makes the query and the fifteen instances much cheaper.
LIST_FIELDS = ("title", "slug", "url_path", "path", "depth", "live", "locale_id",
               "content_type_id", "date", "summary", "field", "innovation_type",
               "recommendation", "organisation_name", "region", "organisation__title",
               "organisation__url_path", "organisation__path", "organisation__depth")


def _page_of_cases(ids):
    """The cases with these ids, in this order, for the list."""
    from .models import InnovationCasePage

    found = {case.pk: case for case in InnovationCasePage.objects.filter(pk__in=ids)
             .select_related("organisation").only(*LIST_FIELDS)}
    return [found[pk] for pk in ids if pk in found]


def apply_filters(queryset, state, topic=None):
    if topic is not None:
        queryset = queryset.filter(tagged_items__tag__name__in=topic.tags or [""]).distinct()
    filters = state.filters
    if "field" in filters:
        queryset = queryset.filter(field=filters["field"])
    if "type" in filters:
        queryset = queryset.filter(innovation_type=filters["type"])
    if "year" in filters:
        queryset = queryset.filter(date__year=int(filters["year"]))
    if "tag" in filters:
        queryset = queryset.filter(tagged_items__tag__name=filters["tag"])
    return queryset


def _topic_ids(queryset):
    """A DISTINCT queryset cannot be re-filtered/aggregated cleanly: use its ids instead."""
    return queryset.model.objects.filter(
        pk__in=queryset.order_by().values("pk")).select_related("organisation")


def search_cases(queryset, state):
    """(results to paginate, matched queryset for facets), through the search app's backend.

    Without the Elasticsearch engine (or when it fails, see _browse_elasticsearch) the
    library searches the site's Chinese database index (search.backends.database, the
    "default" backend that is kept current on every publish, whatever engine the public
    search uses), so scope, facet filters and the full-text match are one SQL query.
    """
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    if state.sort == "date":
        results = backend.search(state.query, queryset.order_by("-date", "-pk"),
                                 order_by_relevance=False)
    else:
        results = backend.search(state.query, queryset).annotate_score("_score")
    matched = backend.search(state.query, queryset.order_by(), order_by_relevance=False)
    return results, matched.get_queryset()


class CountedPaginator(Paginator):
    """A Paginator told its total (already known from the facet aggregation)."""

    def __init__(self, object_list, per_page, total=None):
        super().__init__(object_list, per_page)
        self._total = total

    @cached_property
    def count(self):
        return self._total if self._total is not None else super().count


def _page_number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1


def _browse_elasticsearch(library, state, get, resolver, topic, per_page):
    """(paginator, cases) from one Elasticsearch query when it is the site's engine, else
    None: not active, a page past Elasticsearch's hit window, or any error (logged), and
    the caller searches the database index instead."""
    from . import elastic

    if not elastic.elasticsearch_active():
        return None
    try:
        hits, facets = elastic.search_library(library, state, resolver, topic,
                                              page=_page_number(get.get("page")),
                                              per_page=per_page)
        paginator = CountedPaginator(hits, per_page, facets["total"])
        page_obj = paginator.get_page(get.get("page"))  # a page past the end: one more query
        cases = _page_of_cases(list(page_obj.object_list))
    except elastic.BeyondWindow:
        return None
    except Exception:
        logger.exception("Elasticsearch case search failed for %r; using the database index",
                         state.query)
        return None
    state.facets, state.page_obj = facets, page_obj
    page_obj.object_list = cases
    return paginator, cases


def browse(library, get, resolver, topic=None, limit=None):
    state = parse(get)
    per_page = limit or library.per_page or 15
    found = _browse_elasticsearch(library, state, get, resolver, topic, per_page) \
        if state.query else None
    if found is not None:
        paginator, cases = found
    elif state.query:
        queryset = apply_filters(library.visible_cases(resolver), state, topic)
        if topic is not None:
            queryset = _topic_ids(queryset)
        try:
            results, matched = search_cases(queryset, state)
            state.facets = all_facets(matched)
        except Exception:  # the library still browses when the index is unavailable
            logger.exception("case search failed for %r", state.query)
            state.messages.append("检索服务暂时不可用，请稍后再试。")
            state.search_failed = True
            results, state.facets = queryset.none(), all_facets(queryset.none())
        paginator = CountedPaginator(results, per_page, state.facets.get("total"))
        state.page_obj = paginator.get_page(get.get("page"))
        cases = list(state.page_obj.object_list)
    else:
        # Without a search everything comes from the CaseSummary rows: scope, filters,
        # facets and the page's ids in its order; then the page's cases by id.
        rows = apply_summary_filters(library.visible_summaries(resolver), state, topic)
        state.facets = all_facets(rows)
        ordering = (("-date", "-page_id") if state.sort == "date"
                    else ("-recommendation", "-date", "-page_id"))
        ids = rows.order_by(*ordering).values_list("page_id", flat=True)
        paginator = CountedPaginator(ids, per_page, state.facets.get("total"))
        state.page_obj = paginator.get_page(get.get("page"))
        cases = _page_of_cases(list(state.page_obj.object_list))
        state.page_obj.object_list = cases
    state.total = paginator.count
    state.items = [(case, resolver.scope_of(case)) for case in cases]
    state.facet_groups = facet_groups(state)
    return state
