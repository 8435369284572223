"""A member's personal data: export (JSON) and erasure on request, through providers.

A core app that keeps data about a person registers a provider from its ready()::

    from audit.personal_data import register

    register("audit", "操作记录", export=export_fn, erase=erase_fn)

and a plugin lists `PersonalData(title, export=..., erase=...)` in its Plugin's
`personal_data` (portal/plugins.py). `export_fn(user)` returns JSON-serialisable data about the user; `erase_fn(user)` removes
or anonymises it and returns a short Chinese summary. Erasure must leave anonymised
tallies intact (a review response keeps counting, only what names the person goes).
Core providers run first, then the enabled plugins' in registry order; the account
itself is anonymised last.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import registry as log_actions
from wagtail.models import ModelLogEntry, PageLogEntry

from . import constants as c
from .api import log

ERASED_MARK = "（应本人要求已删除）"


@dataclass
class Provider:
    label: str
    title: str
    export: object  # callable(user) -> JSON-serialisable
    erase: object = None  # callable(user) -> str


_providers = {}


def register(label, title, export, erase=None):
    _providers[label] = Provider(label, title, export, erase)


def providers():
    from portal.plugins import registry

    return [*_providers.values(),
            *(Provider(entry.title, entry.title, entry.export, entry.erase)
              for entry in registry.personal_data())]


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def export_account(user):
    return {
        "用户名": user.get_username(),
        "姓": user.last_name,
        "名": user.first_name,
        "电子邮箱": user.email,
        "注册时间": _iso(user.date_joined),
        "最近登录": _iso(user.last_login),
        "是否启用": user.is_active,
        "用户组": sorted(user.groups.values_list("name", flat=True)),
    }


def _about(user):
    """Log entries whose object is the account itself (its logins, failed logins, roles)."""
    content_type = ContentType.objects.get_for_model(user, for_concrete_model=False)
    return ModelLogEntry.objects.filter(content_type=content_type, object_id=str(user.pk))


def export_audit(user):
    """What the person did, and what was recorded about their account, in Wagtail's log."""
    entries = [*ModelLogEntry.objects.filter(user=user).order_by("timestamp")[:5000],
               *_about(user).exclude(user=user).order_by("timestamp")[:5000],
               *PageLogEntry.objects.filter(user=user).order_by("timestamp")[:5000]]
    entries.sort(key=lambda e: e.timestamp)
    return [{"时间": _iso(e.timestamp), "操作": str(log_actions.get_action_label(e.action)),
             "对象": e.label, "IP地址": (e.data or {}).get("ip")} for e in entries]


def _erase_names_in_log(user, former):
    """The log is kept for its retention period (a legal record), but names nobody."""
    erased = c.erased_username(user.pk)
    changed = []
    for entry in ModelLogEntry.objects.filter(user=user) | _about(user):
        data = dict(entry.data or {})
        for key in ("username", "attempted_username"):
            if data.get(key):
                data[key] = erased
        entry.data = data
        if entry.label == former:
            entry.label = erased
        changed.append(entry)
    ModelLogEntry.objects.bulk_update(changed, ["data", "label"], batch_size=500)


def export_for(user):
    data = {"导出时间": _iso(timezone.now()), "账户": export_account(user)}
    for provider in providers():
        data[provider.title] = provider.export(user)
    return data


def anonymise_account(user: AbstractBaseUser):
    """The account stays (its id keeps history and tallies consistent) but names nobody."""
    user.username = c.erased_username(user.pk)
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


@transaction.atomic
def erase(user, request=None):
    """Run every provider's erasure, then anonymise the account; returns the summaries."""
    former_name = user.get_username()
    summaries = []
    for provider in providers():
        if provider.erase is not None:
            summaries.append(f"{provider.title}：{provider.erase(user)}")
    anonymise_account(user)
    summaries.append("账户：已匿名化并停用")
    _erase_names_in_log(user, former_name)
    log(request, c.PERSONAL_ERASE, target=c.erased_username(user.pk), instance=user,
        detail=f"原用户名：{former_name}；" + "；".join(summaries))
    return summaries


def register_builtin():
    """Providers for what the core keeps; called from ready()."""
    register("audit", "操作记录", export=export_audit)
