"""Per-member secret calendar addresses: one live token per account, reset at will.

A reset token is remembered only by its SHA-256 digest, so a request to an old address
answers 410 Gone with a message instead of a bare 404.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="账户",
                                on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField("订阅密钥", max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField("生成时间", default=timezone.now)

    class Meta:
        verbose_name = "日历订阅地址"
        verbose_name_plural = "日历订阅地址"

    def __str__(self):
        return f"{self.user}的日历订阅地址"

    @classmethod
    def for_user(cls, user):
        token, _ = cls.objects.get_or_create(user=user)
        return token

    @classmethod
    def reset(cls, user):
        """Retire the user's address and give them a new one."""
        with transaction.atomic():
            old = cls.objects.select_for_update().filter(user=user).first()
            if old is not None:
                RevokedCalendarToken.objects.get_or_create(digest=digest(old.token))
                old.token = new_token()
                old.created_at = timezone.now()
                old.save(update_fields=["token", "created_at"])
                return old
            return cls.objects.create(user=user)


class RevokedCalendarToken(models.Model):
    digest = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "已重置的日历订阅地址"
        verbose_name_plural = "已重置的日历订阅地址"

    def __str__(self):
        return self.digest[:12]
