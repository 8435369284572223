"""This plugin's entry in the portal's plugin registry."""

from portal.plugins import (
    MemberPanel,
    MemberRow,
    NavItem,
    PersonalData,
    Plugin,
    PluginPermission,
    TodoItem,
)

from . import PLUGIN_DESCRIPTION, PLUGIN_NAME, __version__
from .constants import EXPORT_ACTION
from .frontcache import front_cache_paths


def todo_items(request):
    """整改 items still open, for those who track them in the admin."""
    from django.urls import reverse

    from .constants import RECTIFY_IN_PROGRESS
    from .models import Rectification

    if not request.user.has_perm("reviews.change_rectification"):
        return []
    count = Rectification.objects.filter(status=RECTIFY_IN_PROGRESS).count()
    return [TodoItem(count, "项群众评议整改事项未完成", reverse("review_rectifications:index"))]


def member_panels(request):
    """党员中心: reviews open now (a member takes part with her account), and whether she has."""
    from django.urls import reverse
    from django.utils import timezone

    from members.membership import is_party_member

    from .constants import CHANNEL_ACCOUNT
    from .identity import Respondent
    from .models import Campaign, Response

    if not is_party_member(request.user):
        return []
    me = Respondent(CHANNEL_ACCOUNT, str(request.user.pk))
    rows = []
    for campaign in Campaign.objects.open_now().order_by("closes_at")[:10]:
        done = Response.objects.filter(campaign=campaign,
                                       respondent_key=me.key(campaign)).exists()
        closes = timezone.localtime(campaign.closes_at)
        rows.append(MemberRow(campaign.title, reverse("reviews:form", args=[campaign.slug]),
                              "已参加" if done else f"{closes:%Y年%-m月%-d日 %H:%M}截止，尚未参加"))
    return [MemberPanel("我可参加的评议", rows, empty="目前没有正在进行的评议。",
                        more_url=reverse("reviews:index"), more_label="群众评议")]


def build_plugin():
    from . import notifying, personal_data
    from .demo import load_demo
    from .home import home_panel_context
    from .search import search_provider

    return Plugin(
        label="reviews",
        name=PLUGIN_NAME,
        description=PLUGIN_DESCRIPTION,
        version=__version__,
        urls="plugins.reviews.urls",
        url_prefix="reviews/",
        front_cache_paths=front_cache_paths,
        nav_items=[NavItem("群众评议", "reviews:index")],
        home_panel_template="reviews/home_panel.html",
        home_panel_context=home_panel_context,
        demo_loader=load_demo,
        permissions=[
            PluginPermission("reviews.view_results", "查看评议统计（含进行中的实时统计）"),
            PluginPermission("reviews.publish_results", "发布评议通报"),
            PluginPermission("reviews.view_full_phone", "查看完整联系电话"),
        ],
        search_providers=[search_provider()],
        personal_data=[PersonalData(personal_data.TITLE, export=personal_data.export,
                                    erase=personal_data.erase)],
        audit_actions=[(EXPORT_ACTION, "导出群众评议数据")],
        todo_items=todo_items,
        notification_kinds=notifying.KINDS,
        scheduled_tasks=notifying.TASKS,
        member_panels=member_panels,
    )
