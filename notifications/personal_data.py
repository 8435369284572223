"""The notifications app's share of the admin's 个人信息导出/删除 (audit/personal_data.py)."""

from .models import Notification, NotificationPreference, QueuedMessage

TITLE = "消息通知"


def export(user):
    return {
        "消息": [{"类型": n.kind, "标题": n.title, "内容": n.body, "时间": n.created.isoformat(),
                "已读": n.read_at.isoformat() if n.read_at else None}
               for n in Notification.objects.filter(recipient=user).order_by("created", "id")],
        "通知方式": dict(NotificationPreference.objects.filter(user=user)
                     .values_list("kind", "delivery")),
    }


def erase(user):
    count, _ = Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    QueuedMessage.objects.filter(recipient=user).delete()
    return f"已删除消息{count}条及通知方式设置。"


def register():
    from audit.personal_data import register as register_provider

    register_provider("notifications", TITLE, export=export, erase=erase)
