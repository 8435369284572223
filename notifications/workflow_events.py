"""Core events from Wagtail's workflows (pages under 提出 → 审核 → 审批): a task waits for
its group, and the submitter hears of the decision, with the reviewer's comment."""

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from .api import notify
from .kinds import WORKFLOW_DECISION, WORKFLOW_TASK


def _object_title(workflow_state):
    obj = workflow_state.content_object
    return str(getattr(obj, "title", None) or obj) if obj is not None else "内容"


def _edit_link(workflow_state):
    obj = workflow_state.content_object
    try:
        return reverse("wagtailadmin_pages:edit", args=[obj.pk]) if hasattr(obj, "path") else ""
    except NoReverseMatch:
        return ""


def _public_link(workflow_state):
    obj = workflow_state.content_object
    url = getattr(obj, "url", None) if obj is not None else None
    return url or _edit_link(workflow_state)


def task_waiting(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:
        return
    workflow_state = instance.workflow_state
    involved = {workflow_state.requested_by_id}
    if instance.revision_id and instance.revision.user_id:
        involved.add(instance.revision.user_id)
    reviewers = (get_user_model().objects.filter(groups__in=groups.all())
                 .exclude(pk__in=[pk for pk in involved if pk]))
    title = _object_title(workflow_state)
    notify(reviewers, WORKFLOW_TASK, f"《{title}》待您{task.name}",
           body=f"提交人：{_person(workflow_state.requested_by)}。请在后台完成{task.name}。",
           link=_edit_link(workflow_state), key=f"taskstate:{instance.pk}")


def _person(user):
    if user is None:
        return "（未知）"
    return user.get_full_name() or user.get_username()


def decision_returned(sender, instance, user=None, **kwargs):
    workflow_state = instance.workflow_state
    requester = workflow_state.requested_by
    if requester is None:
        return
    title = _object_title(workflow_state)
    comment = (instance.comment or "").strip()
    body = f"{instance.task.name}意见：{comment}" if comment else f"{instance.task.name}未填写意见。"
    notify([requester], WORKFLOW_DECISION, f"您提交的《{title}》已被退回修改", body=body,
           link=_edit_link(workflow_state), key=f"taskstate:{instance.pk}:rejected",
           exclude=user)


def decision_approved(sender, instance, user=None, **kwargs):
    requester = instance.requested_by
    if requester is None:
        return
    last = instance.task_states.order_by("-finished_at", "-pk").first()
    comment = (last.comment or "").strip() if last else ""
    title = _object_title(instance)
    notify([requester], WORKFLOW_DECISION, f"您提交的《{title}》已审批通过",
           body=f"审批意见：{comment}" if comment else "", link=_public_link(instance),
           key=f"workflowstate:{instance.pk}:approved", exclude=user)


def connect():
    from wagtail.signals import task_rejected, task_submitted, workflow_approved

    task_submitted.connect(task_waiting, dispatch_uid="notifications_task_waiting")
    task_rejected.connect(decision_returned, dispatch_uid="notifications_task_rejected")
    workflow_approved.connect(decision_approved, dispatch_uid="notifications_approved")
