from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from .models import BranchPage


@permission_required("wagtailadmin.access_admin", raise_exception=True)
def organisation_report(request):
    orgs = BranchPage.objects.order_by("path").prefetch_related("committee")
    rows = [(org, org.setting_warnings()) for org in orgs]
    return render(request, "pages/admin/organisation_report.html", {
        "rows": rows,
        "warning_count": sum(1 for _, w in rows if w),
    })
