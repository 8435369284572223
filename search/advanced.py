"""高级检索: filters by 发文机关, 发文字号, 成文日期, 发布日期, 公开范围 and 有效性.

One `Advanced` value (frozen, hashable) is read from the request by `parse_advanced`, which
does what a reader means where it can (a date range given the wrong way round is swapped; a
公开范围 the requester may not see simply matches nothing they can see) and answers every
other bad value with a Chinese message (the API's documented 400, portal/openapi.yaml).
It narrows each provider's visible queryset on the database engine (`apply`) and becomes
bool clauses on Elasticsearch (`es_clauses`), over the same facts: the item's date, and
for kinds with the notice fields (发文机关, 发文字号, 成文日期, 有效性) keywords stored in
the document's `facets` (`index_keywords`). A kind without a
field an active filter needs cannot match it and is left out, as with the other filters.

公开范围 offers only the scopes the requester may see (public, and each kind of
restriction they pass); an item's scope is the narrowest restriction above it, as
ScopeResolver.scope_of says, so the filter is "inside a subtree restricted to that
kind, and inside none restricted more narrowly" (public: inside no restriction).
Non-page kinds (a plugin's 承诺书) carry no tree scope and are left out while it is set.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from portal.scope import ORGANISATION, PARTY, PUBLIC, SCOPE_LABELS, SPECIFIC, subtree_q

SCOPE_ORDER = (PUBLIC, PARTY, ORGANISATION, SPECIFIC)  # narrower later
VALIDITY = {"valid": "有效", "repealed": "已废止", "expired": "已失效"}
MAX_ISSUER = 100
MAX_DOCNO = 50
NOTICE_FIELDS = ("issuing_authority", "document_number", "written_date", "validity")
PARAMS = ("issuer", "docno", "written_from", "written_to", "date_from", "date_to", "scope",
          "validity")


@dataclass(frozen=True)
class Advanced:
    issuer: str = ""
    docno: str = ""
    written_from: datetime.date | None = None
    written_to: datetime.date | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    scope: str = ""
    validity: str = ""
    # 公开范围 as tree paths: inside one of `scope_in` (all when empty), inside none of
    # `scope_out`; resolved for the requester by parse_advanced
    scope_in: tuple = field(default=(), compare=True)
    scope_out: tuple = field(default=(), compare=True)

    def __bool__(self):
        return any(getattr(self, name) for name in PARAMS)

    @property
    def needs_notice_fields(self):
        return bool(self.issuer or self.docno or self.written_from or self.written_to
                    or self.validity)

    def pairs(self):
        """(name, value) of the set filters, for URLs."""
        return [(name, str(getattr(self, name))) for name in PARAMS if getattr(self, name)]


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# Dates, scope and validity come from a date input and two selects, so a value is taken
# exactly as sent: Python's strip() would also drop control characters such as \x1c and
# turn a malformed value into "no filter" instead of the 400 the API describes.
def _date(value, label, errors, name):
    if not value:
        return None
    try:  # fromisoformat() alone would also take 20240131 and 2024-W05-3
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        parsed = datetime.date.fromisoformat(value)
    except ValueError:
        errors[name] = f"{label}格式不正确，请按“2024-01-31”的格式填写。"
        return None
    return parsed


def scope_choices(resolver):
    """[(kind, label)] of the scopes the requester may filter by: public, and each kind
    of restriction they pass."""
    kinds = {PUBLIC}
    hidden = set(resolver.hidden_paths)
    for restriction in resolver.restrictions:
        if restriction.page_path not in hidden:
            kinds.add(resolver.scope_at(restriction.page_path).kind)
    return [(kind, SCOPE_LABELS[kind]) for kind in SCOPE_ORDER if kind in kinds]


def _scope_paths(kind, resolver):
    rank = SCOPE_ORDER.index(kind)
    inside, outside = [], []
    for restriction in resolver.restrictions:
        restricted = SCOPE_ORDER.index(resolver.scope_at(restriction.page_path).kind)
        if restricted > rank:
            outside.append(restriction.page_path)
        elif restricted == rank and kind != PUBLIC:
            inside.append(restriction.page_path)
    return tuple(sorted(inside)), tuple(sorted(outside))


def parse_advanced(query_dict, resolver):
    """(Advanced, {param: Chinese message}) for the request's 高级检索 values."""
    errors = {}
    issuer, docno = query_dict.get("issuer") or "", query_dict.get("docno") or ""
    if len(issuer) > MAX_ISSUER:  # as typed, the length the API description states
        errors["issuer"], issuer = f"发文机关不超过{MAX_ISSUER}个字。", ""
    if len(docno) > MAX_DOCNO:
        errors["docno"], docno = f"发文字号不超过{MAX_DOCNO}个字。", ""
    issuer, docno = " ".join(issuer.split()), "".join(docno.split())
    written_from = _date(query_dict.get("written_from"), "成文日期（起）", errors, "written_from")
    written_to = _date(query_dict.get("written_to"), "成文日期（止）", errors, "written_to")
    date_from = _date(query_dict.get("date_from"), "发布日期（起）", errors, "date_from")
    date_to = _date(query_dict.get("date_to"), "发布日期（止）", errors, "date_to")
    if written_from and written_to and written_from > written_to:  # the reader means the span
        written_from, written_to = written_to, written_from
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    scope = query_dict.get("scope") or ""
    scope_in = scope_out = ()
    if scope not in ("", *SCOPE_ORDER):
        errors["scope"], scope = "所选公开范围不存在。", ""
    elif scope and scope in dict(scope_choices(resolver)):
        scope_in, scope_out = _scope_paths(scope, resolver)
    # A scope the requester may not see keeps no paths: nothing of it matches (apply()).
    validity = query_dict.get("validity") or ""
    if validity and validity not in VALIDITY:
        errors["validity"], validity = "有效性只能是：有效、已废止或已失效。", ""
    return Advanced(issuer, docno, written_from, written_to, date_from, date_to, scope,
                    validity, scope_in, scope_out), errors


# -- the database engine ------------------------------------------------------------------
def _has_notice_fields(model):
    names = {f.name for f in model._meta.get_fields()}
    return all(name in names for name in NOTICE_FIELDS)


def apply(provider, queryset, advanced):
    """`queryset` narrowed by `advanced`, or None when this kind cannot match it."""
    if not advanced:
        return queryset
    model = provider.model_class
    if advanced.needs_notice_fields:
        if not _has_notice_fields(model):
            return None
        if advanced.issuer:
            queryset = queryset.filter(issuing_authority=advanced.issuer)
        if advanced.docno:
            queryset = queryset.filter(document_number__icontains=advanced.docno)
        if advanced.written_from:
            queryset = queryset.filter(written_date__gte=advanced.written_from)
        if advanced.written_to:
            queryset = queryset.filter(written_date__lte=advanced.written_to)
        if advanced.validity:
            queryset = queryset.filter(validity=advanced.validity)
    if advanced.date_from or advanced.date_to:
        if not provider.date_field:
            return None
        lookup = provider.date_field
        if isinstance(model._meta.get_field(lookup), models.DateTimeField):
            lookup += "__date"  # the day in the site's time zone
        if advanced.date_from:
            queryset = queryset.filter(**{f"{lookup}__gte": advanced.date_from})
        if advanced.date_to:
            queryset = queryset.filter(**{f"{lookup}__lte": advanced.date_to})
    if advanced.scope:
        if not provider.is_page:
            return None
        if advanced.scope_in:
            inside = Q()
            for path in advanced.scope_in:
                inside |= subtree_q(path)
            queryset = queryset.filter(inside)
        elif advanced.scope != PUBLIC:
            return None
        for path in advanced.scope_out:
            queryset = queryset.filter(~subtree_q(path))
    return queryset


# -- Elasticsearch -----------------------------------------------------------------------
def index_keywords(obj):
    """The document keywords the notice filters read ("adv-issuer:…"), for `facets`."""
    if not _has_notice_fields(type(obj)):
        return []
    found = []
    if obj.issuing_authority:
        found.append(f"adv-issuer:{obj.issuing_authority}")
    if obj.document_number:
        found.append(f"adv-docno:{obj.document_number.casefold()}")
    if obj.written_date:
        found.append(f"adv-written:{obj.written_date.isoformat()}")
    if obj.validity:
        found.append(f"adv-validity:{obj.validity}")
    return found


def _wildcard_literal(text):
    return "".join("\\" + char if char in "*?\\" else char for char in text)


def es_clauses(advanced, notice_types, page_types, dated_types):
    """(filter, must_not) clauses for `advanced` (elasticsearch.dsl Q objects)."""
    from elasticsearch.dsl import Q as EsQ

    filters, must_not = [], []
    if not advanced:
        return filters, must_not
    if advanced.needs_notice_fields:
        filters.append(EsQ("terms", type=list(notice_types)))
        if advanced.issuer:
            filters.append(EsQ("term", facets=f"adv-issuer:{advanced.issuer}"))
        if advanced.docno:
            pattern = f"adv-docno:*{_wildcard_literal(advanced.docno.casefold())}*"
            filters.append(EsQ("wildcard", facets={"value": pattern}))
        if advanced.written_from or advanced.written_to:
            # ISO dates after a fixed prefix sort as the dates do
            bounds = {}
            if advanced.written_from:
                bounds["gte"] = f"adv-written:{advanced.written_from.isoformat()}"
            if advanced.written_to:
                bounds["lte"] = f"adv-written:{advanced.written_to.isoformat()}"
            bounds.setdefault("gte", "adv-written:")
            if "lte" not in bounds:  # lt and lte together: Elasticsearch keeps only one
                bounds["lt"] = "adv-written;"
            filters.append(EsQ("range", facets=bounds))
        if advanced.validity:
            filters.append(EsQ("term", facets=f"adv-validity:{advanced.validity}"))
    if advanced.date_from or advanced.date_to:
        filters.append(EsQ("terms", type=list(dated_types)))
        bounds = {}
        if advanced.date_from:
            bounds["gte"] = advanced.date_from.isoformat()
        if advanced.date_to:
            bounds["lte"] = advanced.date_to.isoformat()
        filters.append(EsQ("range", date=bounds))
    if advanced.scope:
        filters.append(EsQ("terms", type=list(page_types)))
        if advanced.scope_in:
            filters.append(EsQ("bool", should=[EsQ("prefix", path=p) for p in advanced.scope_in],
                               minimum_should_match=1))
        elif advanced.scope != PUBLIC:
            filters.append(EsQ("terms", type=[]))
        must_not += [EsQ("prefix", path=p) for p in advanced.scope_out]
    return filters, must_not


def advanced_clauses(advanced):
    """es_clauses() with the kinds read from the registered search providers."""
    from .providers import all_providers

    providers = all_providers()
    return es_clauses(
        advanced,
        notice_types=[p.key for p in providers if _has_notice_fields(p.model_class)],
        page_types=[p.key for p in providers if p.is_page],
        dated_types=[p.key for p in providers if p.date_field])
