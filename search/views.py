"""/search/ (HTML), /api/search/ and /api/search/suggest/ (JSON): one code path.

The engine gets the requester's ScopeResolver, so results, counts, year
facets, snippets and suggestions only ever cover what this requester may see.
"""

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from portal.scope import resolver_for

from . import hot, pinyin
from .advanced import PARAMS as ADVANCED_PARAMS
from .analysis import MAX_QUERY_LENGTH
from .engines import get_engine
from .engines import synonyms as synonym_search
from .params import filter_choices, parse
from .providers import all_providers

logger = logging.getLogger(__name__)
UNAVAILABLE = "检索服务暂时不可用，请稍后再试。"
MAX_SUGGESTIONS = 8
EXAMPLES = ["三会一课", "承诺践诺", "组织生活会", "民主评议", "主题党日"]


def run_search(request, refuse_invalid=False):
    resolver = resolver_for(request)
    parsed = parse(request.GET, resolver)
    outcome, error = None, None
    if parsed.params.query and not (refuse_invalid and parsed.errors):
        try:
            outcome, pairs = synonym_search.search(get_engine(), parsed.params, resolver, request)
            parsed.also_searched = list(dict.fromkeys(other for _term, other in pairs))
        except Exception:  # never a 500 for a search; the log keeps the cause
            logger.exception("search failed for %r", parsed.params.query)
            error = UNAVAILABLE
    return resolver, parsed, outcome, error


def _query_without_page(params):
    pairs = [("q", params.query)]
    pairs += [("type", t) for t in params.types]
    if params.section:
        pairs.append(("section", params.section.pk))
    if params.organisation:
        pairs.append(("org", params.organisation.pk))
    if params.year:
        pairs.append(("year", params.year))
    if params.tag:
        pairs.append(("tag", params.tag))
    if params.sort != "relevance":
        pairs.append(("sort", params.sort))
    if params.advanced:
        pairs += params.advanced.pairs()
    return urlencode(pairs)


@require_GET
def search_page(request):
    first_page = (request.GET.get("page") or "1").strip() == "1"  # as asked: engines clamp it
    resolver, parsed, outcome, error = run_search(request)
    params = parsed.params
    if outcome is not None and not params.advanced and not parsed.errors:
        hot.record(params.query, request.user, outcome, first_page)
    labels = {p.key: p.label for p in all_providers()}
    context = {
        "query": params.query,
        "params": params,
        "also_searched": parsed.also_searched,
        "messages_list": parsed.messages,
        "error": error,
        "outcome": outcome,
        "choices": filter_choices(resolver),
        "type_facets": [(key, labels.get(key, key), n)
                        for key, n in (outcome.type_counts.items() if outcome else [])],
        "year_facets": sorted((outcome.year_counts.items() if outcome else []), reverse=True),
        "base_query": _query_without_page(params),
        "max_length": MAX_QUERY_LENGTH,
        "examples": EXAMPLES,
        "hot_queries": hot.hot_queries(),
        "hints": hot.hints(params.query) if outcome is not None and not outcome.count else [],
        "filtering": params.filtered,
        "advanced": params.advanced,
        "advanced_errors": parsed.errors,
        "advanced_values": {name: request.GET.get(name, "")[:100] for name in ADVANCED_PARAMS},
    }
    # 503 when the search service is down: caches and crawlers must not keep this answer.
    return render(request, "search/search_page.html", context, status=503 if error else 200)


@csrf_exempt  # read-only: any method but GET/HEAD gets a 405, not a CSRF refusal
@require_GET
def search_api(request):
    _resolver, parsed, outcome, error = run_search(request, refuse_invalid=True)
    if parsed.errors:  # a refused 高级检索 value: say which and why, search nothing
        return JsonResponse({"message": " ".join(parsed.errors.values()), "errors": parsed.errors},
                            status=400, json_dumps_params={"ensure_ascii": False})
    body = {
        "count": outcome.count if outcome else 0,
        "count_capped": outcome.count_capped if outcome else False,
        "results": [hit.as_json() for hit in outcome.hits] if outcome else [],
        "page": outcome.page if outcome else 1,
        "num_pages": outcome.num_pages if outcome else 1,
        "facets": {"type": outcome.type_counts if outcome else {},
                   "year": {str(y): n for y, n in (outcome.year_counts.items() if outcome else [])}},
    }
    if parsed.also_searched:
        body["also_searched"] = parsed.also_searched
    messages = parsed.messages + ([error] if error else [])
    if messages:
        body["message"] = " ".join(messages)
    return JsonResponse(body, status=503 if error else 200,
                        json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # read-only, like search_api
@require_GET
def suggest_api(request):
    query = " ".join((request.GET.get("q") or "").split())[:MAX_QUERY_LENGTH]
    body, status = {"query": query, "suggestions": []}, 200
    if query:
        try:
            engine, resolver = get_engine(), resolver_for(request)
            suggestions = engine.suggest(query, resolver, request, limit=MAX_SUGGESTIONS)
            if pinyin.is_pinyin(query) and len(suggestions) < MAX_SUGGESTIONS:
                # dwgk → 党务公开: the same channel, asked for the terms the pinyin stands for
                seen = {s["url"] for s in suggestions}
                suggestions += [s for s in pinyin.suggest(engine, query, resolver, request,
                                                          limit=MAX_SUGGESTIONS)
                                if s["url"] not in seen]
            body["suggestions"] = suggestions[:MAX_SUGGESTIONS]
        except Exception:  # never a 500; the log keeps the cause
            logger.exception("suggest failed for %r", query)
            body["message"], status = UNAVAILABLE, 503
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
