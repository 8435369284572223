"""Signal receivers: logins, publication, workflow decisions and role changes.

Connected from AuditConfig.ready(), never at import time.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from wagtail.signals import (
    page_published,
    page_unpublished,
    task_approved,
    task_rejected,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from . import constants as c
from .api import log

ROLE_FLAGS = ("is_superuser", "is_staff", "is_active")


def _page_label(page):
    return f"{page.title}（#{page.pk}）"


def on_logged_in(sender, request, user, **kwargs):
    log(request, c.LOGIN, target=user.get_username(), user=user)


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        log(request, c.LOGOUT, target=user.get_username(), user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the name is kept.
    username = str(credentials.get("username", ""))[:150]
    log(request, c.LOGIN_FAILED, target=username, detail="用户名或密码错误")


def on_locked_out(sender, request, username, ip_address, **kwargs):
    log(request, c.LOCKED_OUT, target=str(username or "")[:150], detail=f"来自{ip_address}")


def on_page_published(sender, instance, revision=None, **kwargs):
    detail = f"版本#{revision.pk}" if revision is not None else ""
    log(None, c.PUBLISH, target=_page_label(instance), detail=detail)


def on_page_unpublished(sender, instance, **kwargs):
    log(None, c.UNPUBLISH, target=_page_label(instance))


def _workflow_target(workflow_state):
    obj = workflow_state.content_object
    title = getattr(obj, "title", None) or str(obj)
    return f"{title}（#{workflow_state.object_id}）"


def on_workflow_submitted(sender, instance, user, **kwargs):
    log(None, c.WORKFLOW_SUBMIT, target=_workflow_target(instance),
        detail=f"流程：{instance.workflow.name}", user=user)


def on_workflow_approved(sender, instance, user, **kwargs):
    log(None, c.WORKFLOW_APPROVE, target=_workflow_target(instance),
        detail=f"流程：{instance.workflow.name}", user=user)


def on_workflow_rejected(sender, instance, user, **kwargs):
    log(None, c.WORKFLOW_REJECT, target=_workflow_target(instance),
        detail=f"流程：{instance.workflow.name}", user=user)


def _task_detail(task_state):
    comment = task_state.get_comment() if hasattr(task_state, "get_comment") else ""
    text = f"环节：{task_state.task.name}"
    return f"{text}；意见：{comment}" if comment else text


def on_task_approved(sender, instance, user, **kwargs):
    log(None, c.TASK_APPROVE, target=_workflow_target(instance.workflow_state),
        detail=_task_detail(instance), user=user)


def on_task_rejected(sender, instance, user, **kwargs):
    log(None, c.TASK_REJECT, target=_workflow_target(instance.workflow_state),
        detail=_task_detail(instance), user=user)


def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Group membership: User.groups changed from either side."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    verb = {"post_add": "加入", "post_remove": "移出", "pre_clear": "移出全部"}[action]
    if action == "pre_clear":
        related = list(instance.user_set.all() if reverse else instance.groups.all())
    else:
        related = list(model.objects.filter(pk__in=pk_set or ()))
    if not related:
        return
    if reverse:  # instance is a Group, related are users
        for user in related:
            log(None, c.ROLE_CHANGE, target=user.get_username(), detail=f"{verb}用户组：{instance.name}")
    else:
        names = "、".join(group.name for group in related)
        log(None, c.ROLE_CHANGE, target=instance.get_username(), detail=f"{verb}用户组：{names}")


def on_user_pre_save(sender, instance, **kwargs):
    previous = None
    if instance.pk:
        previous = sender.objects.filter(pk=instance.pk).values(*ROLE_FLAGS).first()
    instance._audit_previous_flags = previous


def on_user_post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return  # loaddata (restore) replays history, it is not a change
    previous = getattr(instance, "_audit_previous_flags", None)
    labels = {"is_superuser": "超级管理员", "is_staff": "后台访问", "is_active": "启用"}
    changes = []
    for flag in ROLE_FLAGS:
        new = getattr(instance, flag)
        old = previous.get(flag) if previous else (False if flag != "is_active" else True)
        if new != old:
            changes.append(f"{labels[flag]}：{'是' if old else '否'}→{'是' if new else '否'}")
    if changes:
        log(None, c.ROLE_CHANGE, target=instance.get_username(),
            detail=("新建账户；" if created else "") + "；".join(changes))


def connect():
    user_model = get_user_model()
    user_logged_in.connect(on_logged_in, dispatch_uid="audit_login")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    page_published.connect(on_page_published, dispatch_uid="audit_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="audit_page_unpublished")
    workflow_submitted.connect(on_workflow_submitted, dispatch_uid="audit_workflow_submitted")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="audit_workflow_approved")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="audit_workflow_rejected")
    task_approved.connect(on_task_approved, dispatch_uid="audit_task_approved")
    task_rejected.connect(on_task_rejected, dispatch_uid="audit_task_rejected")
    m2m_changed.connect(on_groups_changed, sender=user_model.groups.through,
                        dispatch_uid="audit_groups_changed")
    pre_save.connect(on_user_pre_save, sender=user_model, dispatch_uid="audit_user_pre_save")
    post_save.connect(on_user_post_save, sender=user_model, dispatch_uid="audit_user_post_save")
    try:
        from axes.signals import user_locked_out
    except ImportError:  # pragma: no cover - axes is a pinned dependency
        return
    user_locked_out.connect(on_locked_out, dispatch_uid="audit_locked_out")
