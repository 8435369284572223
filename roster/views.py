"""Import (upload → preview with a line-by-line report → confirm) and export of a roster."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.api import log
from portal.spreadsheets import attachment

from . import exporting
from .access import manageable_organisations
from .forms import ImportForm
from .importing import ImportConflict, ImportFileError, check, read_table, write
from .models import RosterEntry, RosterImport

IMPORT_ACTION = "roster.import"
PREVIEW_ROWS = 50


def _require_manager(request):
    if not manageable_organisations(request.user).exists():
        raise Http404("您没有可管理的党组织名册。")


def import_upload(request):
    _require_manager(request)
    form = ImportForm(request.user, request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method != "POST":
        return render(request, "roster/import.html", context)
    if not form.is_valid():
        return render(request, "roster/import.html", context, status=400)
    organisation = form.cleaned_data["organisation"]
    upload = form.cleaned_data["file"]
    try:
        report = check(read_table(upload), organisation)
    except ImportFileError as error:
        context["file_error"] = str(error)
        return render(request, "roster/import.html", context, status=400)
    context.update(report=report, organisation=organisation, filename=upload.name)
    if report.errors:
        return render(request, "roster/import.html", context, status=400)
    batch = RosterImport.objects.create(organisation=organisation, created_by=request.user,
                                        filename=upload.name[:200], rows=report.rows)
    context.update(batch=batch, preview=_preview(report.rows, organisation))
    return render(request, "roster/import_preview.html", context)


def _preview(rows, organisation):
    from .columns import GENDER_LABELS, STATUS_LABELS

    names = dict(organisation.party_groups.values_list("pk", "name"))
    return [[row["name"], GENDER_LABELS[row["gender"]], row["birth_month"][:7], row["joined_on"],
             STATUS_LABELS[row["status"]], names.get(row["party_group"], ""), row["contact"]]
            for row in rows[:PREVIEW_ROWS]]


@require_POST
def import_confirm(request, pk):
    batch = get_object_or_404(
        RosterImport, pk=pk, created_by=request.user,
        organisation__in=manageable_organisations(request.user).values("pk"))
    context = {"batch": batch, "organisation": batch.organisation}
    if batch.confirmed_at:
        context["conflict"] = "这份名册已经导入过，不会重复导入。"
        return render(request, "roster/import_done.html", context, status=409)
    try:
        count = write(batch)
    except ImportConflict as error:
        context["conflict"] = str(error)
        return render(request, "roster/import_done.html", context, status=409)
    log(request, IMPORT_ACTION, target=f"{batch.organisation.title}党员名册",
        detail=f"{batch.filename}：导入{count}人")
    messages.success(request, f"已向“{batch.organisation.title}”名册导入{count}名党员。")
    return redirect(reverse("roster_entries:index") + f"?organisation={batch.organisation_id}")


def export_form(request):
    _require_manager(request)
    organisations = manageable_organisations(request.user).order_by("path")
    return render(request, "roster/export.html", {"organisations": organisations})


def export(request):
    """?organisation=<id>&format=csv|xlsx: that organisation's own roster (not those below)."""
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("csv", "xlsx"):
        return HttpResponse("导出格式只能是 csv 或 xlsx。", status=400,
                            content_type="text/plain; charset=utf-8")
    try:
        pk = int(request.GET.get("organisation", ""))
    except ValueError:
        return HttpResponse("请指定要导出的党组织。", status=400,
                            content_type="text/plain; charset=utf-8")
    organisation = get_object_or_404(manageable_organisations(request.user), pk=pk)
    entries = (RosterEntry.objects.filter(organisation=organisation)
               .select_related("party_group").order_by("party_group__name", "name", "pk"))
    name = f"roster-{organisation.pk}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        response = attachment(exporting.to_csv(entries), name, "text/csv; charset=utf-8")
    else:
        response = attachment(exporting.to_xlsx(entries), name)
    response["Cache-Control"] = "private, no-store"
    return response
