"""Admin wording the portal sets itself: the help menu without Wagtail's own guides, and the
message after a 审核/审批 decision taken from the edit screen.

Wagtail answers every workflow action taken from the page editor with "Page '…' has been
updated." (页面“…”已被更新), which tells a reviewer nothing about the decision. After
an approve or reject action that message is replaced by 已批准 / 已退回.
"""

import html

from django.contrib import messages
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

APPROVE_ACTIONS = {"approve", "approve_with_comment"}
REJECT_ACTIONS = {"reject"}
WAGTAIL_HELP_ITEMS = {"editor-guide", "help"}


def prune_help_menu(request, menu_items):
    """Wagtail's editor guide and "what's new" point at Wagtail's site, in English."""
    menu_items[:] = [item for item in menu_items
                     if item.name not in WAGTAIL_HELP_ITEMS and not item.name.startswith("whats-new")]


def decision_message(request, page):
    action = request.POST.get("workflow-action-name", "") if request.method == "POST" else ""
    if action in APPROVE_ACTIONS:
        text = f"“{page.get_admin_display_title()}”已批准。"
    elif action in REJECT_ACTIONS:
        text = f"“{page.get_admin_display_title()}”已退回修改。"
    else:
        return
    updated = _("Page '%(page_title)s' has been updated.") % {
        "page_title": page.get_admin_display_title()}
    storage = messages.get_messages(request)
    earlier = [(m.level, m.message, m.extra_tags) for m in storage]  # reading consumes them
    for level, message, tags in earlier:
        # Wagtail stores its message rendered through a template (escaped, with markup).
        if html.unescape(strip_tags(str(message))).strip() != updated:
            messages.add_message(request, level, message, extra_tags=tags)
    messages.success(request, text)
