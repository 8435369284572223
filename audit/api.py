"""audit.log(): the one way the portal and its plugins write to Wagtail's audit log."""

import ipaddress
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .middleware import current_request

logger = logging.getLogger("audit")

# The object of an event that concerns no one object (a backup, a failed login for an
# unknown name): Wagtail's log allows an entry without a content type; its label says what.
NO_OBJECT_ID = "-"


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the header named by AUDIT_IP_META_KEY behind a proxy."""
    if request is None:
        return None
    key = getattr(settings, "AUDIT_IP_META_KEY", "REMOTE_ADDR")
    raw = (request.META.get(key) or request.META.get("REMOTE_ADDR") or "").split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def request_data(request):
    """What every entry written while serving a request carries: address and browser."""
    if request is None:
        return {}
    return {"ip": client_ip(request), "user_agent": request.META.get("HTTP_USER_AGENT", "")[:255]}


def _request_user(request):
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def log(request, action, target="", detail="", user=None, instance=None, data=None):
    """Record one event in Wagtail's log. Never raises: a failed write is logged, not shown.

    `action` is registered with Wagtail (audit.constants, or a plugin's `audit_actions`).
    `instance` is the object concerned (an account, a 评议活动, ...), if there is one;
    `target` is the label shown for it. `user` overrides the request's user (a login
    names the account that just logged in). `data` adds fields to the entry's data.
    """
    request = request if request is not None else current_request()
    user = user if user is not None else _request_user(request)
    username = getattr(user, "get_username", lambda: "")() if user is not None else ""
    entry_data = {**request_data(request), "username": username[:150], "detail": str(detail),
                  **(data or {})}
    title = str(target)[:255] or (str(instance) if instance is not None else "")
    actor = user if user is not None and user.pk else None
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's work intact
            if instance is not None and instance.pk is not None:
                return ModelLogEntry.objects.log_action(instance, action, user=actor,
                                                        title=title, data=entry_data)
            return ModelLogEntry.objects.create(
                content_type=None, object_id=NO_OBJECT_ID, label=title or "—", action=action,
                user=actor, data=entry_data, timestamp=timezone.now())
    except Exception:  # noqa: BLE001 - auditing must not break the action it records
        logger.exception("Could not write audit event %s %s", action, target)
        return None


def log_personal_data_view(request, target, detail=""):
    """Record that someone saw unmasked personal data; once per target per request."""
    from . import constants as c

    request = request if request is not None else current_request()
    if request is not None:
        seen = request.__dict__.setdefault("_audit_personal_seen", set())
        if target in seen:
            return None
        seen.add(target)
    return log(request, c.VIEW_PERSONAL, target=target, detail=detail)
