from django.conf import settings
from django.db import models
from django.utils import timezone

from .constants import ACTIONS


class AuditEvent(models.Model):
    """One event. Written once; only the purge command removes old ones."""

    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    # The name at the time, kept when the account is later renamed, erased or deleted.
    username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    action = models.CharField("操作", max_length=40, choices=ACTIONS, db_index=True)
    target = models.CharField("对象", max_length=255, blank=True)
    detail = models.TextField("说明", blank=True)
    ip_address = models.GenericIPAddressField("IP地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=255, blank=True)

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()}"
