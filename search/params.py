"""Reads a search request's GET parameters into SearchParams, forgiving bad input.

Nothing a visitor types causes an error: an over-long query is cut (with a
message), unknown types / sections / organisations / years are ignored (with a
message), page=abc means page 1 and a page past the end means the last page.
Filter choices are only what the requester may see.
"""

from dataclasses import dataclass, field

from .advanced import VALIDITY, parse_advanced, scope_choices
from .analysis import MAX_QUERY_LENGTH
from .engines.base import SearchParams
from .providers import all_providers

MAX_TAG_LENGTH = 50
SORTS = {"relevance": "按相关度", "date": "按日期"}


@dataclass
class ParsedRequest:
    params: SearchParams
    messages: list = field(default_factory=list)
    also_searched: list = field(default_factory=list)  # synonym terms searched as well
    errors: dict = field(default_factory=dict)  # 高级检索 values refused: {param: message}


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _visible_page(model, value, resolver):
    number = _int(value)
    if number is None or number <= 0:
        return None
    return resolver.filter(model.objects.live().filter(pk=number)).first()


def parse(query_dict, resolver):
    from pages.models import BranchPage, SectionPage

    messages = []
    query = " ".join((query_dict.get("q") or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        query = query[:MAX_QUERY_LENGTH]
        messages.append(f"检索词过长，已只按前{MAX_QUERY_LENGTH}个字符检索。")

    known = {p.key for p in all_providers()}
    asked = [t for t in query_dict.getlist("type") if t]
    types = [t for t in asked if t in known]
    ignored = len(types) != len(asked)

    section = organisation = year = tag = None
    if query_dict.get("section"):
        section = _visible_page(SectionPage, query_dict.get("section"), resolver)
        ignored = ignored or section is None
    if query_dict.get("org"):
        organisation = _visible_page(BranchPage, query_dict.get("org"), resolver)
        ignored = ignored or organisation is None
    if query_dict.get("year"):
        year = _int(query_dict.get("year"))
        if year is None or not 1921 <= year <= 2100:
            year, ignored = None, True
    raw_tag = (query_dict.get("tag") or "").strip()
    if raw_tag:
        if len(raw_tag) <= MAX_TAG_LENGTH:
            tag = raw_tag
        else:
            ignored = True
    if ignored:
        messages.append("部分筛选条件无效，已忽略。")

    advanced, errors = parse_advanced(query_dict, resolver)
    messages += list(errors.values())

    sort = query_dict.get("sort") if query_dict.get("sort") in SORTS else "relevance"
    page = _int(query_dict.get("page")) or 1
    params = SearchParams(query=query, types=types, section=section,
                          organisation=organisation, year=year, tag=tag, sort=sort,
                          page=max(1, min(page, 10**6)), advanced=advanced or None)
    return ParsedRequest(params, messages, errors=errors)


def filter_choices(resolver):
    """Options for the filter controls, drawn only from items the requester may see."""
    from pages.models import ArticlePage, ArticleTag, BranchPage, NoticePage, SectionPage

    articles = resolver.filter(ArticlePage.objects.live())
    issuers = list(resolver.filter(NoticePage.objects.live()).exclude(issuing_authority="")
                   .values_list("issuing_authority", flat=True).distinct()
                   .order_by("issuing_authority")[:200])
    years = sorted({d.year for d in articles.dates("date", "year")}, reverse=True)
    tags = list(ArticleTag.objects.filter(content_object__in=articles.values("pk"))
                .values_list("tag__name", flat=True).distinct().order_by("tag__name")[:200])
    return {
        "types": [(p.key, p.label) for p in all_providers()],
        "sections": list(resolver.filter(SectionPage.objects.live()).order_by("path")
                         .values_list("pk", "title")),
        "organisations": list(resolver.filter(BranchPage.objects.live()).order_by("path")
                              .values_list("pk", "title")),
        "years": years,
        "tags": tags,
        "sorts": list(SORTS.items()),
        "issuers": issuers,
        "scopes": scope_choices(resolver),
        "validities": list(VALIDITY.items()),
    }
