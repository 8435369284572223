"""The admin dashboard's 待办 panel: what waits for the signed-in user, and where to do it.

Every core app and plugin contributes through one hook: a function registered as
`register_portal_todo_items` takes the request and returns portal.plugins.TodoItem
objects (count, Chinese label, link). Plugins fill their Plugin's `todo_items` instead,
which portal/wagtail_hooks.py passes on through the same hook. Lines with nothing
waiting are left out.
"""

from wagtail import hooks
from wagtail.admin.ui.components import Component

HOOK = "register_portal_todo_items"


def todo_items(request):
    items = []
    for contribute in hooks.get_hooks(HOOK):
        items.extend(item for item in contribute(request) or [] if item.count > 0)
    return items


class TodoPanel(Component):
    name = "portal_todo"
    order = 50  # above Wagtail's own panels
    template_name = "portal/admin/todo_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = todo_items(self.request)
        return context
