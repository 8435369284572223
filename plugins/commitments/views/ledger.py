"""The public 承诺践诺台账: filters, table, roll-ups and charts, and its XLSX export."""

from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from pages.models import BranchPage
from pages.models.section import paginate

from .. import charts, rollups
from ..choices import CATEGORIES, PLEDGE_KINDS, STATUSES
from ..filters import LedgerFilter
from ..models import CommitmentItem, Period
from ..visibility import PledgeVisibility
from ..xlsx_export import XLSX_CONTENT_TYPE, ledger_file

PAGE_SIZE = 50


def visible_items(request):
    return PledgeVisibility.for_request(request).items(CommitmentItem.objects.current())


def ledger(request):
    today = timezone.localdate()
    flt = LedgerFilter.from_query(request.GET)
    visibility = PledgeVisibility.for_request(request)
    items = flt.apply(visible_items(request), today)
    page_obj = paginate(request, items.select_related(
        "pledge__period", "pledge__organisation", "pledge__member").order_by(
        "pledge__period__start_date", "pledge__organisation__path", "pledge__kind",
        "pledge_id", "position", "id"), per_page=PAGE_SIZE)
    rows = [(item, item.effective_status(today), visibility.scope_of(item.pledge))
            for item in page_obj.object_list]
    by_org = rollups.by_organisation(items, today)
    by_period = rollups.by_period(items, today)
    status_counts = rollups.status_counts(items, today)
    organisations = BranchPage.objects.live().order_by("path").only("pk", "title", "depth")
    return render(request, "commitments/ledger.html", {
        "filter": flt, "rows": rows, "page_obj": page_obj, "total": rollups.total(items, today),
        "by_org": by_org, "by_period": by_period,
        "org_chart": charts.completion_chart("各党组织完成情况（加权）", by_org),
        "period_chart": charts.completion_chart("各承诺期完成情况（加权）", by_period),
        "status_counts": status_counts,
        "status_segments": charts.status_segments(status_counts),
        "periods": Period.objects.all(), "organisations": organisations,
        "statuses": STATUSES, "kinds": PLEDGE_KINDS, "categories": CATEGORIES,
        "extra_query": flt.querystring(), "today": today,
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
