from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.scheduled import HOOK as SCHEDULED_HOOK

from .api import unread_count
from .scheduled import core_tasks


@hooks.register("construct_main_menu")
def add_inbox_menu_item(request, menu_items):
    """消息 in the admin's menu, with the unread count in its label."""
    count = unread_count(request.user)
    label = f"消息（{count}条未读）" if count else "消息"
    menu_items.append(MenuItem(label, reverse("notifications:inbox"), name="notifications",
                               icon_name="mail", order=50,
                               attrs={"data-unread": str(count)}))


@hooks.register(SCHEDULED_HOOK, order=0)
def date_events():
    """Core events first; plugins' tasks come at order 10; then digests and retries."""
    return [task for task in core_tasks() if task.name == "pages.elections_due"]


@hooks.register(SCHEDULED_HOOK, order=100)
def delivery_tasks():
    return [task for task in core_tasks() if task.name != "pages.elections_due"]
