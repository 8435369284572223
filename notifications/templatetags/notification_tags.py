from django import template

from ..api import unread_count

register = template.Library()


@register.inclusion_tag("notifications/unread_link.html", takes_context=True)
def unread_notifications_link(context):
    """The header's 消息 link with the signed-in user's unread count (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    count = unread_count(user) if user is not None else 0
    return {"count": count}
