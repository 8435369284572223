"""The public 承诺践诺台账: filters, table, roll-ups and charts, and its XLSX export."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from caching.generation import cached
from pages.models import BranchPage
from portal.spreadsheets import XLSX_CONTENT_TYPE

from .. import charts, people, rollups
from ..choices import (
    CATEGORIES,
    CLOSED_STATUSES,
    MEMBER_PLEDGE,
    OVERDUE,
    PLEDGE_KINDS,
    STATUSES,
)
from ..filters import LedgerFilter
from ..models import CommitmentItem, Period
from ..models.pledges import member_label
from ..visibility import PledgeVisibility
from ..xlsx_export import ledger_file

PAGE_SIZE = 50
ROW_FIELDS = ("id", "pledge_id", "content", "category", "measures", "deadline", "status",
              "progress", "pledge__kind", "pledge__scope", "pledge__organisation_id",
              "pledge__organisation__title", "pledge__organisation__path",
              "pledge__period__name", "pledge__member_id", "pledge__member__username",
              "pledge__member__first_name", "pledge__member__last_name")
CATEGORY_LABELS = dict(CATEGORIES)


@dataclass
class LedgerRow:
    """One row of the ledger, read with values(): building model instances of the 承诺书,
    its period, organisation page and member for every row would cost more than the query."""

    id: int
    pledge_id: int
    content: str
    category: str
    measures: str
    deadline: object
    status: str
    progress: int
    pledger_name: str
    organisation_title: str
    period_name: str
    is_member_pledge: bool
    scope: object
    url: str

    @property
    def category_label(self):
        return CATEGORY_LABELS.get(self.category, "")


class _RowBuilder:
    """LedgerRows for one request; each (scope, organisation) label worked out once (a
    page's 50 rows come from a few 承诺书)."""

    def __init__(self, visibility, today):
        self.visibility, self.today, self.scopes = visibility, today, {}

    def scope(self, values):
        from types import SimpleNamespace

        from portal.scope import ORGANISATION, Scope

        key = (values["pledge__scope"], values["pledge__organisation__title"],
               values["pledge__organisation__path"])
        scope = self.scopes.get(key)
        if scope is None:
            own = (Scope(ORGANISATION, (key[1],)) if key[0] == ORGANISATION else Scope(key[0]))
            scope = self.scopes[key] = self.visibility.narrower(
                own, SimpleNamespace(path=key[2]))
        return scope

    def __call__(self, values):
        member = values["pledge__kind"] == MEMBER_PLEDGE
        name = member_label(
            values["pledge__member__first_name"], values["pledge__member__last_name"],
            values["pledge__member__username"], values["pledge__member_id"],
        ) if member else values["pledge__organisation__title"]
        closed = values["status"] in CLOSED_STATUSES
        status = (OVERDUE if values["deadline"] < self.today and not closed
                  else values["status"])
        return LedgerRow(
            values["id"], values["pledge_id"], values["content"], values["category"],
            values["measures"], values["deadline"], status, values["progress"], name,
            values["pledge__organisation__title"], values["pledge__period__name"], member,
            self.scope(values), reverse("commitments:pledge", args=[values["pledge_id"]]))


def visible_items(request):
    return PledgeVisibility.for_request(request).items(CommitmentItem.objects.current())


def _page(request, queryset, count):
    """A page of the items; the count comes from the roll-up query, not another COUNT."""
    paginator = Paginator(queryset, PAGE_SIZE)
    paginator.count = count  # overrides the cached_property
    return paginator.get_page(request.GET.get("page"))


def _filter_choices(resolver):
    """(承诺期, 党组织) choices of the filter form, as (value, label) pairs. Only
    organisations the viewer may see are offered (a hidden one is not even named); sub-
    organisations are indented."""
    periods = [(period.pk, period.name) for period in Period.objects.all()]
    organisations = [
        (row["pk"], ("\u3000" if row["depth"] > 4 else "") + row["title"])
        for row in resolver.filter(BranchPage.objects.live()).order_by("path")
        .values("pk", "title", "depth")]
    return periods, organisations


def ledger(request):
    today = timezone.localdate()
    flt = LedgerFilter.from_query(request.GET)
    visibility = PledgeVisibility.for_request(request)
    items = flt.apply(visible_items(request), today)
    # The costly part of the page (one aggregate over every filtered item), kept until the
    # next write to the plugin or a page moves the generation on.
    figures = cached("commitments:summary", (flt.params(), visibility.scope_key(), today),
                     lambda: charts.ledger_figures(rollups.summarise(items, today)))
    summary = figures["summary"]
    rows = items.order_by("pledge_id", "position", "id").values(*ROW_FIELDS)
    page_obj = _page(request, rows, summary.total.items)
    rows = list(map(_RowBuilder(visibility, today), page_obj.object_list))
    period_choices, organisation_choices = _filter_choices(visibility.resolver)
    user = request.user
    return render(request, "commitments/ledger.html", {
        "filter": flt, "rows": rows, "page_obj": page_obj,
        "total": summary.total, "by_org": summary.by_organisation,
        "org_chart": figures["org_chart"], "period_chart": figures["period_chart"],
        "status_chart": figures["status_chart"], "org_table": figures["org_table"],
        "status_counts": summary.status_counts,
        "period_choices": period_choices, "organisation_choices": organisation_choices,
        "statuses": STATUSES, "kinds": PLEDGE_KINDS, "categories": CATEGORIES,
        "extra_query": flt.querystring(), "today": today,
        "can_review": user.is_authenticated and (
            user.has_perm("commitments.approve_pledge")
            or people.led_organisations(user).exists()),
    })


def export_xlsx(request):
    """The 台账 for the current filter, exactly what the ledger page lists."""
    today = timezone.localdate()
    flt = LedgerFilter.from_query(request.GET)
    items = flt.apply(visible_items(request), today)
    title = f"承诺践诺台账（{flt.describe()}，导出日期{today:%Y-%m-%d}）"
    out = ledger_file(items, title, today)
    name = f"承诺践诺台账-{today:%Y%m%d}.xlsx"
    response = FileResponse(out, as_attachment=True, filename=name, content_type=XLSX_CONTENT_TYPE)
    response["Cache-Control"] = "private, no-store"
    return response
