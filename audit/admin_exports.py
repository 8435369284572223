"""Wagtail's own admin exports (its reports and the redirects listing), made formula-safe
and recorded in the audit log.

Wagtail's views write CSV cells as typed and XLSX text without Excel's quote prefix. Each
one here is the same view class with SafeSpreadsheetExportMixin in front, served at
Wagtail's own address: portal/urls.py mounts these patterns under admin/ before Wagtail's
admin URLs, so the first match is the safe view, while every link, menu entry and
reverse() keeps using Wagtail's URL names. tests/security/test_admin_exports.py walks the
URL configuration and fails if any admin view that exports (one with list_export) is not
covered. Wagtail 7.4's page-types-usage report has no export columns and is left alone;
form-submission exports would come from a form page's own `submissions_list_view_class`
(the portal has no form pages).
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.aging_pages import AgingPagesView
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.redirects.views import IndexView as RedirectIndexView
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import constants as c
from .api import log
from .spreadsheets import SafeSpreadsheetExportMixin

# Address under admin/ -> Wagtail's view (the same address + "results/" serves its
# filtered results, which can export too).
WAGTAIL_EXPORTS = {
    "reports/locked/": LockedPagesView,
    "reports/workflow/": WorkflowView,
    "reports/workflow_tasks/": WorkflowTasksView,
    "reports/site-history/": LogEntriesView,
    "reports/aging-pages/": AgingPagesView,
    "redirects/": RedirectIndexView,
}


class AuditedExportMixin:
    """Records each download as 导出 in the audit log, like the portal's own exports."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        filters = {k: v for k, v in self.request.GET.lists() if k not in ("export", "p")}
        log(self.request, c.EXPORT, target=str(self.page_title or type(self).__name__),
            detail=f"格式：{spreadsheet_format}；筛选：{filters or '无'}")
        return super().as_spreadsheet(queryset, spreadsheet_format)


def _patterns():
    patterns = []
    for route, view_class in WAGTAIL_EXPORTS.items():
        safe = type(f"Safe{view_class.__name__}",
                    (AuditedExportMixin, SafeSpreadsheetExportMixin, view_class), {})
        patterns += [
            path(route, safe.as_view()),
            path(f"{route}results/", safe.as_view(results_only=True)),
        ]
    return decorate_urlpatterns(patterns, require_admin_access)  # as Wagtail's admin does


urlpatterns = _patterns()
