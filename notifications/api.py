"""notify(): how the core and plugins tell people something happened.

    from notifications.api import notify
    notify(users, "commitments.decision", "您的承诺书已审定公开", body=..., link=url,
           key=f"pledge:{pk}:rev:{n}")

Rows are written in the caller's transaction (an action that fails tells no one); messages
on external channels (e-mail, ...) go out only after it commits (transaction.on_commit),
and a channel that fails queues the message for the scheduled command instead of
failing the action. With a `key`, the same event (kind + key) reaches a person once,
however often it is raised -- so scheduled checks can raise their events on every run.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction

from . import backends
from .kinds import get_kind
from .models import EMAIL, Notification, QueuedMessage
from .preferences import deliveries_for

logger = logging.getLogger(__name__)

TITLE_MAX = 200
BODY_MAX = 4000


def _users(recipients):
    User = get_user_model()
    if hasattr(recipients, "model") and recipients.model is User:
        return list(recipients.filter(is_active=True).distinct())
    seen, out = set(), []
    for user in recipients:
        if user is not None and user.pk not in seen and user.is_active:
            seen.add(user.pk)
            out.append(user)
    return out


def notify(recipients, kind, title, body="", link="", key="", exclude=None):
    """Write one notification per recipient (users or a User queryset) and schedule the
    external messages their preferences ask for. Returns the notifications written."""
    get_kind(kind)  # an unknown kind is a programming error, not a silent drop
    users = _users(recipients)
    if exclude is not None:
        users = [u for u in users if u.pk != getattr(exclude, "pk", exclude)]
    if key and users:
        done = set(Notification.objects.filter(kind=kind, key=key,
                                               recipient_id__in=[u.pk for u in users])
                   .values_list("recipient_id", flat=True))
        users = [u for u in users if u.pk not in done]
    if not users:
        return []
    deliveries = deliveries_for(users, kind)
    rows = Notification.objects.bulk_create([
        Notification(recipient=u, kind=kind, title=title[:TITLE_MAX], body=body[:BODY_MAX],
                     link=link, key=key, delivery=deliveries[u.pk])
        for u in users
    ], batch_size=1000)
    by_id = {u.pk: u for u in users}
    to_send = [(by_id[n.recipient_id], n) for n in rows if n.delivery == EMAIL]
    if to_send:
        transaction.on_commit(lambda: send_now(to_send))
    return rows


def send_now(pairs):
    """Hand each (user, notification) to every configured channel that can reach the user;
    a failure is queued, never raised."""
    channels = backends.configured()
    for user, notification in pairs:
        for path, backend in channels:
            deliver(path, backend, user, notification)


def deliver(path, backend, user, notification, queued=None):
    """One attempt on one channel. Returns True when sent."""
    try:
        if not backend.can_reach(user):
            return True
        backend.send(user, notification)
    except Exception as error:  # any channel failure is kept for the retry, never raised
        logger.warning("notification %s via %s failed: %s", notification.title, path, error)
        message = f"{type(error).__name__}: {error}"[:2000]
        if queued is None:
            QueuedMessage.objects.create(
                recipient=user, backend=path, kind=notification.kind,
                title=notification.title, body=notification.body, link=notification.link,
                last_error=message)
        else:
            queued.attempts += 1
            queued.last_error = message
            queued.save(update_fields=["attempts", "last_error", "last_attempt"])
        return False
    return True


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at=None).count()
