from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton
from wagtail.log_actions import LogFormatter

from portal.plugins import registry

from . import constants as c
from . import personal_data_views
from .views import AuditReportView


class PortalActionFormatter(LogFormatter):
    """The portal's actions: the label as the message, the entry's `detail` as the comment."""

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("detail", "")


@hooks.register("register_log_actions")
def register_portal_log_actions(actions):
    """The core's actions and those the enabled plugins declare (Plugin.audit_actions)."""
    for action, label in c.ACTIONS + registry.audit_actions():
        actions.register_action(action)(
            type("PortalAction", (PortalActionFormatter,), {"label": label, "message": label}))


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


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    # Every admin user: like Wagtail's site history, each sees the entries about the kinds
    # of object they hold a permission on; entries about no object are for superusers.
    return MenuItem("审计日志", reverse("audit_report"), name="audit-log", icon_name="list-ul",
                    order=900)


@hooks.register("construct_reports_menu")
def replace_site_history(request, menu_items):
    """One audit trail, one report: ours shows Wagtail's site history and the portal's events."""
    menu_items[:] = [item for item in menu_items if item.name != "site-history"]
