from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import AuditReportView


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("reports/audit/", AuditReportView.as_view(), name="audit_report"),
        path("reports/audit/results/", AuditReportView.as_view(results_only=True),
             name="audit_report_results"),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("audit.view_auditevent")


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem("审计日志", reverse("audit_report"), icon_name="list-ul", order=900)
