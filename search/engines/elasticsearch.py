"""The public search on Elasticsearch (selected when ELASTICSEARCH_URL is set).

The requester's hidden tree paths become must_not prefix filters in the query,
so totals, facets, highlights and suggestions stay inside their scope. The
page of hits is then loaded from the database for display.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.search.backends import get_search_backend

from ..analysis import analyse_query, needles
from ..backends.elasticsearch.queries import build_search, build_suggest
from ..highlight import highlight
from ..providers import all_providers
from .base import Hit, SearchEngine, SearchOutcome, page_window


class ElasticsearchEngine(SearchEngine):
    @property
    def backend(self):
        return get_search_backend(self.options.get("BACKEND_NAME", "elasticsearch"))

    def search(self, params, resolver, request=None):
        tree = analyse_query(params.query)
        outcome = SearchOutcome()
        if tree is None:
            return outcome
        backend = self.backend
        index = backend.content_index.index._name
        known = all_providers()
        if params.types:
            known = [p for p in known if p.key in params.types]
        _page, _num, _start, _stop = page_window(10**9, params.page, params.per_page)
        params.page = min(params.page, _num)
        search = build_search(index, tree, params, resolver.hidden_paths)
        response = search.using(backend.client).execute()
        total = response.hits.total.value
        outcome.page, outcome.num_pages, _start, _stop = page_window(
            total, params.page, params.per_page)
        outcome.count = total
        outcome.count_capped = getattr(response.hits.total, "relation", "eq") == "gte"
        outcome.type_counts = {b.key: b.doc_count for b in response.aggregations.types.buckets}
        outcome.year_counts = {int(b.key): b.doc_count for b in response.aggregations.years.buckets}
        providers = {p.key: p for p in known}
        marks = needles(tree)
        for hit in response.hits:
            provider = providers.get(hit.type)
            if provider is None:
                continue
            obj = provider.model_class.objects.filter(pk=hit.object_id).first()
            if obj is None or (hasattr(obj, "path") and not resolver.can_see(obj)):
                continue  # deleted or re-scoped since it was indexed; the index catches up
            fragments = getattr(getattr(hit.meta, "highlight", None), "body", None)
            snippet = mark_safe(fragments[0]) if fragments else escape("")
            outcome.hits.append(Hit(
                title=obj.title, url=provider.url_of(obj, request), type=provider.key,
                type_label=provider.label, date=provider.date_of(obj),
                title_html=highlight(obj.title, marks), snippet=snippet,
                scope=resolver.scope_of(obj) if hasattr(obj, "path") else None, obj=obj))
        return outcome

    def suggest(self, query, resolver, request=None, limit=8):
        backend = self.backend
        index = backend.content_index.index._name
        search = build_suggest(index, query, resolver.hidden_paths, limit)
        labels = {p.key: p.label for p in all_providers()}
        return [{"title": h.title, "url": h.url, "type": h.type,
                 "type_label": labels.get(h.type, "")}
                for h in search.using(backend.client).execute()]
