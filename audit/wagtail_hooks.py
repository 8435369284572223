from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton

from . import personal_data_views
from .views import AuditReportView


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("reports/audit/", AuditReportView.as_view(), name="audit_report"),
        path("reports/audit/results/", AuditReportView.as_view(results_only=True),
             name="audit_report_results"),
        path("personal-data/<int:user_id>/", personal_data_views.overview,
             name="audit_personal_data"),
        path("personal-data/<int:user_id>/export.json", personal_data_views.export_json,
             name="audit_personal_data_export"),
        path("personal-data/<int:user_id>/erase/", personal_data_views.erase,
             name="audit_personal_data_erase"),
    ]


@hooks.register("register_user_listing_buttons")
def personal_data_button(user, request_user):
    if request_user.is_superuser:
        yield ListingButton("个人信息导出/删除", reverse("audit_personal_data", args=[user.pk]),
                                priority=50)


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("audit.view_auditevent")


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem("审计日志", reverse("audit_report"), icon_name="list-ul", order=900)
