"""台账 import (with its downloadable template), for holders of commitments.import_ledger."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import render

from portal.spreadsheets import XLSX_CONTENT_TYPE

from ..forms import ImportForm, PledgeMetaForm
from ..xlsx_export import TEMPLATE_COLUMNS, template_file
from ..xlsx_import import import_ledger

IMPORT_PERMISSION = "commitments.import_ledger"


def _check(request):
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied("您没有导入承诺践诺台账的权限，请联系机关党委管理员。")


def import_template(request):
    return FileResponse(template_file(), as_attachment=True, filename="承诺践诺台账导入模板.xlsx",
                        content_type=XLSX_CONTENT_TYPE)


@login_required
def import_view(request):
    _check(request)
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        meta = PledgeMetaForm(request.POST)
        if form.is_valid() and meta.is_valid():
            result = import_ledger(form.cleaned_data["file"], form.cleaned_data["period"],
                                   request.user, meta.cleaned_data["scope"])
            if result.ok:
                messages.success(request, f"导入成功：{result.created_items}项承诺事项，"
                                          f"涉及{result.pledges}份承诺书，已公开。")
    else:
        form = ImportForm()
        meta = PledgeMetaForm(initial={"scope": "public"})
    return render(request, "commitments/import.html", {
        "form": form, "meta": meta, "result": result, "columns": TEMPLATE_COLUMNS})
