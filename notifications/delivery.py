"""The scheduled side of delivery: retrying queued messages and sending daily digests."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import backends
from .api import deliver
from .models import DIGEST, Notification, QueuedMessage

MAX_ATTEMPTS = 8
DIGEST_KIND = "notifications.digest"
DIGEST_ITEMS_SHOWN = 50


def retry_queued(now=None):
    """Try every queued message again; after MAX_ATTEMPTS it stays, with its last error,
    for an administrator to look at. Returns (sent, still failing)."""
    now = now or timezone.now()
    sent = failed = 0
    channels = dict(backends.configured())
    queued = (QueuedMessage.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
              .select_related("recipient"))
    for message in queued:
        backend = channels.get(message.backend)
        if backend is None:
            continue  # the channel was removed from the settings; keep the row
        notification = Notification(kind=message.kind, title=message.title,
                                    body=message.body, link=message.link)
        if deliver(message.backend, backend, message.recipient, notification, queued=message):
            message.sent_at = now
            message.save(update_fields=["sent_at"])
            sent += 1
        else:
            failed += 1
    return sent, failed


def digest_text(items, total):
    lines = [f"您有{total}条新消息："]
    for n in items[:DIGEST_ITEMS_SHOWN]:
        lines.append(f"· {timezone.localtime(n.created):%m-%d %H:%M} {n.title}")
    if total > DIGEST_ITEMS_SHOWN:
        lines.append(f"……另有{total - DIGEST_ITEMS_SHOWN}条，请登录网站查看。")
    return "\n".join(lines)


def _pending(created_before):
    rows = Notification.objects.filter(delivery=DIGEST, digested_at=None)
    return rows.filter(created__lt=created_before) if created_before else rows


def _pending_by_recipient(batch_users, created_before):
    rows = (_pending(created_before).filter(recipient_id__in=batch_users)
            .only("id", "recipient_id", "title", "created").order_by("recipient_id", "created"))
    grouped = {}
    for n in rows:
        grouped.setdefault(n.recipient_id, []).append(n)
    return grouped


def send_digests(now=None, batch=500, created_before=None):
    """One message per person with pending 每日汇总 notifications, on every channel that
    reaches them; the notifications are marked as digested. Returns the number of people."""
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    channels = backends.configured()
    recipient_ids = list(_pending(created_before).order_by().values_list("recipient_id", flat=True).distinct())
    users = get_user_model().objects.in_bulk(recipient_ids)
    people = 0
    for start in range(0, len(recipient_ids), batch):
        ids = recipient_ids[start:start + batch]
        grouped = _pending_by_recipient(ids, created_before)
        with transaction.atomic():
            for user_id, items in grouped.items():
                user = users[user_id]
                if user.is_active:
                    digest = Notification(kind=DIGEST_KIND, title=f"每日消息汇总（{len(items)}条）",
                                          body=digest_text(items, len(items)), link=reverse("notifications:inbox"))
                    for path, backend in channels:
                        deliver(path, backend, user, digest)
                    people += 1
            # The rows just sent: this batch's people, pending, no newer than the last read.
            last = max(n.pk for items in grouped.values() for n in items)
            _pending(created_before).filter(recipient_id__in=list(grouped), pk__lte=last
                                            ).update(digested_at=now)
    return people
