"""The 审计日志 report in the Wagtail admin: filters, CSV/XLSX export (itself audited)."""

from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from . import constants as c
from .api import log
from .filters import AuditEventFilterSet
from .models import AuditEvent


class AuditReportView(ReportView):
    page_title = "审计日志"
    header_icon = "list-ul"
    index_url_name = "audit_report"
    index_results_url_name = "audit_report_results"
    filterset_class = AuditEventFilterSet
    permission_policy = ModelPermissionPolicy(AuditEvent)
    permission_required = "view"
    export_filename = "audit-log"
    paginate_by = 50
    columns = [
        DateColumn("created_at", label="时间"),
        Column("username", label="用户"),
        Column("get_action_display", label="操作"),
        Column("target", label="对象"),
        Column("detail", label="说明"),
        Column("ip_address", label="IP地址"),
    ]
    list_export = ["created_at", "username", "action_label", "target", "detail", "ip_address",
                   "user_agent"]
    export_headings = {
        "created_at": "时间", "username": "用户", "action_label": "操作", "target": "对象",
        "detail": "说明", "ip_address": "IP地址", "user_agent": "浏览器",
    }

    def get_queryset(self):
        return AuditEvent.objects.all()

    def as_spreadsheet(self, queryset, spreadsheet_format):
        filters = {k: v for k, v in self.request.GET.lists() if k not in ("export", "p")}
        log(self.request, c.EXPORT, target="审计日志",
            detail=f"格式：{spreadsheet_format}；筛选：{filters or '无'}")
        for event in queryset:
            event.action_label = event.get_action_display()
        return super().as_spreadsheet(queryset, spreadsheet_format)
