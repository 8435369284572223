"""The notifications app's share of the admin's 个人信息导出/删除 (audit/personal_data.py)."""

from django.db.models import Q

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


ERASED = "（已删除）"


def erase(user):
    count, _ = Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    QueuedMessage.objects.filter(recipient=user).delete()
    scrubbed = _scrub_names(user)
    return f"已删除消息{count}条及通知方式设置；他人消息中出现的姓名已删除{scrubbed}处。"


def _scrub_names(user):
    """Other people's messages name this person (a reviewer was told "王小明…承诺书待审定"):
    the name goes from their title and body too, as it goes from the records themselves."""
    names = {user.get_full_name().strip(), f"{user.last_name}{user.first_name}".strip(),
             user.get_username()} - {""}
    scrubbed = 0
    for model in (Notification, QueuedMessage):
        for name in sorted(names, key=len, reverse=True):
            for row in model.objects.filter(Q(title__contains=name) | Q(body__contains=name)):
                row.title = row.title.replace(name, ERASED)
                row.body = row.body.replace(name, ERASED)
                row.save(update_fields=["title", "body"])
                scrubbed += 1
    return scrubbed


def register():
    from audit.personal_data import register as register_provider

    register_provider("notifications", TITLE, export=export, erase=erase)
