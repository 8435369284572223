from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.plugins import TodoItem
from portal.todo import HOOK as TODO_HOOK

from . import admin_views, serving
from .attachment_scope import attachment_refusal
from .models import NoticeAttachment


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/organisations/", admin_views.organisation_report,
                 name="organisation_report")]


@hooks.register("register_reports_menu_item")
def register_organisation_report_menu_item():
    return MenuItem("组织设置检查", reverse("organisation_report"), icon_name="group", order=50)


# Before Wagtail's own privacy check (order 0): see pages/serving.py.
hooks.register("before_serve_page", serving.before_serve_page, order=-10)


@hooks.register("before_serve_document")
def check_attachment_scope(document, request):
    """An attachment is as visible as the notices it is attached to.

    A document attached to notices is served only if at least one of them is
    live and within the requester's scope; staff who may choose documents in
    the admin still get everything. Documents attached to nothing fall back
    to Wagtail's collection privacy, which runs as its own hook.
    """
    return attachment_refusal(document, request, NoticeAttachment,
                              "您无权下载该附件：它所属的通知不在您的公开范围内。")


@hooks.register(TODO_HOOK, order=-10)
def workflow_tasks_waiting(request):
    """Pages waiting for this user's 审核 or 审批 (Wagtail workflow tasks in progress)."""
    from wagtail.models import TaskState

    count = TaskState.objects.reviewable_by(request.user).count()
    url = reverse("wagtailadmin_reports:workflow_tasks") + "?status=in_progress"
    return [TodoItem(count, "项内容待您审核/审批", url)]
