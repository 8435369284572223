"""audit.log(): the one way events are written."""

import ipaddress
import logging

from django.conf import settings
from django.db import transaction

from .middleware import current_request
from .models import AuditEvent

logger = logging.getLogger("audit")


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


def _request_user(request):
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def log(request, action, target="", detail="", user=None):
    """Record one event. Never raises: a failed audit write is logged, not shown to the user.

    `user` overrides the request's user (a failed login names the attempted account
    through `detail`, a login names the account that just logged in).
    """
    request = request if request is not None else current_request()
    user = user if user is not None else _request_user(request)
    username = getattr(user, "get_username", lambda: "")() if user is not None else ""
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's work intact
            return AuditEvent.objects.create(
                user=user if user is not None and user.pk else None,
                username=username[:150],
                action=action,
                target=str(target)[:255],
                detail=str(detail),
                ip_address=client_ip(request),
                user_agent=(request.META.get("HTTP_USER_AGENT", "")[:255] if request else ""),
            )
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
