"""Reading the audit trail (Wagtail's ModelLogEntry) in tests, field by field."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone
from wagtail.models import ModelLogEntry


def view(entry):
    data = entry.data or {}
    return SimpleNamespace(
        pk=entry.pk, entry=entry, action=entry.action, user=entry.user, target=entry.label,
        username=data.get("username", ""), detail=data.get("detail", ""),
        ip_address=data.get("ip"), user_agent=data.get("user_agent", ""),
        timestamp=entry.timestamp, content_type=entry.content_type, object_id=entry.object_id)


def events(action=None, **filters):
    entries = ModelLogEntry.objects.filter(**filters).order_by("pk")
    if action is not None:
        entries = entries.filter(action=action)
    return [view(e) for e in entries]


def make(action, username="", days_ago=0, target="", detail="", ip=None, user=None):
    """An entry written `days_ago` days ago, as audit.log would have written it."""
    entry = ModelLogEntry.objects.create(
        content_type=None, object_id="-", label=target or "—", action=action, user=user,
        timestamp=timezone.now() - dt.timedelta(days=days_ago),
        data={"username": username, "detail": detail, "ip": ip, "user_agent": ""})
    return view(entry)
