"""E-mail after commit, failures queued and retried, daily digests, pluggable backends."""

import pytest
from django.core import mail
from django.db import transaction

from notifications import delivery
from notifications.api import notify
from notifications.kinds import ELECTION_DUE, WORKFLOW_TASK
from notifications.models import DIGEST, EMAIL, INBOX, NotificationPreference, QueuedMessage

pytestmark = pytest.mark.django_db

SENT = []


class RecordingBackend:
    """A site's own channel (say SMS), as docs/notifications.md describes it."""

    def __init__(self, **options):
        self.options = options

    def can_reach(self, user):
        return True

    def send(self, user, notification):
        SENT.append((user.username, notification.title, self.options.get("sign")))


class BrokenBackend:
    fail = True

    def __init__(self, **options):
        pass

    def can_reach(self, user):
        return True

    def send(self, user, notification):
        if BrokenBackend.fail:
            raise ConnectionError("网关无响应")
        SENT.append((user.username, notification.title, "broken-now-fixed"))


def prefer(user, kind, delivery_choice):
    NotificationPreference.objects.create(user=user, kind=kind, delivery=delivery_choice)


def test_email_goes_out_only_after_commit(member1, django_capture_on_commit_callbacks):
    prefer(member1, WORKFLOW_TASK, EMAIL)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify([member1], WORKFLOW_TASK, "待审核", body="正文", link="/member/")
        assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == [member1.email]
    assert "待审核" in message.subject and "http://testserver/member/" in message.body


def test_inbox_only_sends_no_email(member1, django_capture_on_commit_callbacks):
    prefer(member1, WORKFLOW_TASK, INBOX)
    with django_capture_on_commit_callbacks(execute=True):
        notify([member1], WORKFLOW_TASK, "x")
    assert mail.outbox == []


def test_rolled_back_action_tells_no_one(member1, django_capture_on_commit_callbacks):
    prefer(member1, WORKFLOW_TASK, EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                notify([member1], WORKFLOW_TASK, "x")
                raise RuntimeError
    assert mail.outbox == []
    assert not member1.notifications.exists()


def test_failed_email_is_queued_and_retried(member1, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_NOTIFICATION_BACKENDS = [
        {"BACKEND": "tests.notifications.test_delivery.BrokenBackend"}]
    prefer(member1, WORKFLOW_TASK, EMAIL)
    SENT.clear()
    BrokenBackend.fail = True
    with django_capture_on_commit_callbacks(execute=True):
        [n] = notify([member1], WORKFLOW_TASK, "要重发的")  # does not raise
    assert n.pk  # the action's own rows are kept
    [queued] = QueuedMessage.objects.all()
    assert queued.attempts == 1 and "网关无响应" in queued.last_error
    assert delivery.retry_queued() == (0, 1)
    queued.refresh_from_db()
    assert queued.attempts == 2 and queued.sent_at is None
    BrokenBackend.fail = False
    assert delivery.retry_queued() == (1, 0)
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert SENT == [("member1", "要重发的", "broken-now-fixed")]
    assert delivery.retry_queued() == (0, 0)  # nothing sent twice


def test_retry_gives_up_after_max_attempts(member1, settings):
    settings.PORTAL_NOTIFICATION_BACKENDS = [
        {"BACKEND": "tests.notifications.test_delivery.BrokenBackend"}]
    BrokenBackend.fail = True
    QueuedMessage.objects.create(recipient=member1, backend=settings.PORTAL_NOTIFICATION_BACKENDS[0]["BACKEND"],
                                 kind=WORKFLOW_TASK, title="x", attempts=delivery.MAX_ATTEMPTS)
    assert delivery.retry_queued() == (0, 0)


def test_plugged_in_backend_receives_user_and_notification(member1, settings,
                                                          django_capture_on_commit_callbacks):
    settings.PORTAL_NOTIFICATION_BACKENDS = [
        {"BACKEND": "tests.notifications.test_delivery.RecordingBackend",
         "OPTIONS": {"sign": "党务公开"}}]
    SENT.clear()
    prefer(member1, WORKFLOW_TASK, EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        notify([member1], WORKFLOW_TASK, "短信通知")
    assert SENT == [("member1", "短信通知", "党务公开")]


def test_users_without_address_are_skipped_not_queued(member1, django_capture_on_commit_callbacks):
    member1.email = ""
    member1.save()
    prefer(member1, WORKFLOW_TASK, EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        notify([member1], WORKFLOW_TASK, "x")
    assert mail.outbox == [] and not QueuedMessage.objects.exists()


def test_daily_digest_collects_pending_once(member1, member2):
    prefer(member1, ELECTION_DUE, DIGEST)
    for i in range(3):
        notify([member1], ELECTION_DUE, f"汇总项{i}")
    prefer(member2, ELECTION_DUE, INBOX)
    notify([member2], ELECTION_DUE, "不进汇总")
    assert delivery.send_digests() == 1
    [message] = mail.outbox
    assert message.to == [member1.email]
    assert "3条" in message.subject
    assert all(f"汇总项{i}" in message.body for i in range(3))
    assert delivery.send_digests() == 0  # already digested
    assert len(mail.outbox) == 1
    # digested items stay unread in the inbox
    assert member1.notifications.filter(read_at=None).count() == 3
