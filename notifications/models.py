"""What a person is told (Notification), how they want to hear of each kind
(NotificationPreference) and the messages an external channel failed to take
(QueuedMessage), which the scheduled command retries."""

from django.conf import settings
from django.db import models

INBOX, EMAIL, DIGEST = "inbox", "email", "digest"
DELIVERY_CHOICES = [(INBOX, "仅站内"), (EMAIL, "站内+邮件"), (DIGEST, "每日汇总")]


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人",
                                  on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("类型", max_length=60)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True, max_length=4000)
    link = models.CharField("链接", max_length=500, blank=True)
    # The same event (kind + key) reaches a person once, however often it is raised.
    key = models.CharField("事件标识", max_length=200, blank=True)
    delivery = models.CharField("送达方式", max_length=10, choices=DELIVERY_CHOICES,
                                default=INBOX)
    created = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    digested_at = models.DateTimeField("汇总发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_unread"),
            # The digest finds pending rows, and each batch's rows, by this one index.
            models.Index(fields=["delivery", "digested_at", "recipient"],
                         name="notif_digest_pending"),
            models.Index(fields=["recipient", "kind", "key"], name="notif_event_key"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None


class NotificationPreference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户",
                             on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField("类型", max_length=60)
    delivery = models.CharField("送达方式", max_length=10, choices=DELIVERY_CHOICES)

    class Meta:
        verbose_name = "通知偏好"
        verbose_name_plural = "通知偏好"
        constraints = [models.UniqueConstraint(fields=["user", "kind"],
                                               name="notif_one_preference_per_kind")]

    def __str__(self):
        return f"{self.kind}：{self.get_delivery_display()}"


class QueuedMessage(models.Model):
    """A message an external channel (e-mail, SMS, ...) failed to take; retried later."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人",
                                  on_delete=models.CASCADE, related_name="+")
    backend = models.CharField("发送通道", max_length=200)
    kind = models.CharField("类型", max_length=60)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField("已尝试次数", default=1)
    last_error = models.TextField("最近一次错误", blank=True)
    created = models.DateTimeField("首次尝试", auto_now_add=True)
    last_attempt = models.DateTimeField("最近尝试", auto_now=True)
    sent_at = models.DateTimeField("发送成功时间", null=True, blank=True)

    class Meta:
        verbose_name = "待重发消息"
        verbose_name_plural = "待重发消息"
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.title}（{self.attempts}次）"
