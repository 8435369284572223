"""Signal receivers: logins, failed logins, lockouts and role changes; the client's address
on every log entry written while a request is served (Wagtail's own included).

Publication and workflow decisions need none: Wagtail records them in the same log.
Connected from AuditConfig.ready(), never at import time.
"""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from wagtail.models import ModelLogEntry, PageLogEntry

from . import constants as c
from .api import log, request_data
from .middleware import current_request

ROLE_FLAGS = ("is_superuser", "is_staff", "is_active")


def _account(username):
    """The account a login attempt named, if there is one."""
    user_model = get_user_model()
    return user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()


def on_logged_in(sender, request, user, **kwargs):
    log(request, c.LOGIN, target=user.get_username(), user=user, instance=user)


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        log(request, c.LOGOUT, target=user.get_username(), user=user, instance=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the name is kept.
    username = str(credentials.get("username", ""))[:150]
    log(request, c.LOGIN_FAILED, target=username, detail="用户名或密码错误",
        instance=_account(username) if username else None,
        data={"attempted_username": username})


def on_locked_out(sender, request, username, ip_address, **kwargs):
    """django-axes' own signal: the name and address it has locked out."""
    username = str(username or "")[:150]
    log(request, c.LOCKED_OUT, target=username, detail=f"来自{ip_address}",
        instance=_account(username) if username else None,
        data={"attempted_username": username, "ip": ip_address})


def on_log_entry_pre_save(sender, instance, raw=False, **kwargs):
    """Wagtail's own entries (edits, publication, workflow) get the client's address too."""
    if raw or instance.pk is not None:
        return
    request = current_request()
    if request is not None and "ip" not in (instance.data or {}):
        instance.data = {**request_data(request), **(instance.data or {})}


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
            log(None, c.ROLE_CHANGE, target=user.get_username(), instance=user,
                detail=f"{verb}用户组：{instance.name}")
    else:
        names = "、".join(group.name for group in related)
        log(None, c.ROLE_CHANGE, target=instance.get_username(), instance=instance,
            detail=f"{verb}用户组：{names}")


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
        log(None, c.ROLE_CHANGE, target=instance.get_username(), instance=instance,
            detail=("新建账户；" if created else "") + "；".join(changes))


def connect():
    user_model = get_user_model()
    user_logged_in.connect(on_logged_in, dispatch_uid="audit_login")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="audit_locked_out")
    for entry_model in (ModelLogEntry, PageLogEntry):
        pre_save.connect(on_log_entry_pre_save, sender=entry_model,
                         dispatch_uid=f"audit_ip_{entry_model.__name__}")
    m2m_changed.connect(on_groups_changed, sender=user_model.groups.through,
                        dispatch_uid="audit_groups_changed")
    pre_save.connect(on_user_pre_save, sender=user_model, dispatch_uid="audit_user_pre_save")
    post_save.connect(on_user_post_save, sender=user_model, dispatch_uid="audit_user_post_save")
