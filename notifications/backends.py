"""Channels that carry a notification beyond the site: e-mail by default, and whatever a
site plugs in (an SMS gateway, a WeChat template message) through the setting

    PORTAL_NOTIFICATION_BACKENDS = [
        {"BACKEND": "notifications.backends.EmailBackend", "OPTIONS": {}},
        {"BACKEND": "mysite.sms.SmsBackend", "OPTIONS": {"sign": "党务公开"}},
    ]

A backend is a small class: constructed with its OPTIONS as keyword arguments, it answers
`can_reach(user)` (has this person an address on this channel?) and `send(user,
notification)`, which delivers one message or raises an exception. A failure is queued
(QueuedMessage) and retried by `manage.py run_scheduled`; it never reaches the person who
caused the event. `notification` has `title`, `body`, `link` (site-relative) and `kind`.
See docs/notifications.md.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

DEFAULT_BACKENDS = [{"BACKEND": "notifications.backends.EmailBackend", "OPTIONS": {}}]


class NotificationBackend:
    """The interface: subclass it, or write any class with these two methods."""

    def __init__(self, **options):
        self.options = options

    def can_reach(self, user):
        return True

    def send(self, user, notification):
        raise NotImplementedError


def absolute_link(link):
    if not link or link.startswith(("http://", "https://")):
        return link
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}{link}"


class EmailBackend(NotificationBackend):
    """Plain-text e-mail through Django's configured mail backend (EMAIL_BACKEND)."""

    def __init__(self, **options):
        super().__init__(**options)
        self.connection = None

    def can_reach(self, user):
        return bool(user.email) and user.is_active

    def message(self, user, notification):
        lines = [notification.body] if notification.body else []
        link = absolute_link(notification.link)
        if link:
            lines.append(f"查看详情：{link}")
        lines.append("——\n此邮件由党务公开网自动发送。在网站“消息”页面可以更改通知方式。")
        prefix = self.options.get("subject_prefix", "【党务公开网】")
        return EmailMessage(subject=f"{prefix}{notification.title}", body="\n\n".join(lines),
                            from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
                            connection=self._connection())

    def _connection(self):
        if self.connection is None:
            from django.core.mail import get_connection

            self.connection = get_connection()
        return self.connection

    def send(self, user, notification):
        self.message(user, notification).send(fail_silently=False)


def configured():
    """[(dotted path, backend instance)] from PORTAL_NOTIFICATION_BACKENDS."""
    entries = getattr(settings, "PORTAL_NOTIFICATION_BACKENDS", DEFAULT_BACKENDS)
    return [(entry["BACKEND"], import_string(entry["BACKEND"])(**entry.get("OPTIONS", {})))
            for entry in entries]
