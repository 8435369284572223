"""This plugin's entry in the portal's plugin registry."""

from portal.plugins import (
    AdminMenuItem,
    MemberPanel,
    MemberRow,
    NavItem,
    PersonalData,
    Plugin,
    PluginPermission,
    TodoItem,
)

from . import PLUGIN_DESCRIPTION, PLUGIN_NAME, __version__
from .frontcache import front_cache_paths


def home_panel_context(request):
    """The home-page panel: the current period's weighted completion and latest 承诺书.

    `audience` names what decides the panel (the requester's scope, groups and the
    date: overdue items and the current period follow it); the template keeps the
    panel under it and the page-cache generation, which any write to this plugin moves
    on, so `figures` is read only when the kept copy is missing."""
    from django.utils import timezone
    from django.utils.functional import SimpleLazyObject

    from .visibility import PledgeVisibility

    visibility = PledgeVisibility.for_request(request)
    today = timezone.localdate()
    resolver = visibility.resolver
    return {
        "audience": "|".join([today.isoformat(), *resolver.audiences, *resolver.hidden_paths]),
        "figures": SimpleLazyObject(lambda: _home_figures(visibility, today)),
    }


def _home_figures(visibility, today):
    from . import rollups
    from .models import CommitmentItem, Period, Pledge

    period = Period.objects.current(today)
    if period is None:
        return {"period": None}
    items = visibility.items(CommitmentItem.objects.current().filter(pledge__period=period))
    latest = visibility.pledges(Pledge.objects.filter(period=period)).select_related(
        "period", "organisation", "member").order_by("-published_at")[:5]
    return {"period": period, "total": rollups.total(items, today), "latest": list(latest)}


def todo_items(request):
    """承诺书 waiting for this user's 审定 (never their own)."""
    from django.urls import reverse

    from . import people
    from .choices import SUBMITTED
    from .models import Pledge, PledgeRevision

    user = request.user
    reviewable = Pledge.objects.filter(people.reviewable_pledges_q(user))
    count = (PledgeRevision.objects.filter(state=SUBMITTED, pledge__in=reviewable)
             .exclude(author=user).count())
    return [TodoItem(count, "份承诺书待审定", reverse("commitments:review"))]


def member_panels(request):
    """党员中心: my 承诺书 (and those of the organisations I lead) with their 践诺 status."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from . import people
    from .choices import DONE, MEMBER_PLEDGE, ORGANISATION_PLEDGE
    from .models import Pledge

    user = request.user
    pledges = (Pledge.objects.filter(Q(kind=MEMBER_PLEDGE, member=user)
                                     | Q(kind=ORGANISATION_PLEDGE,
                                         organisation__in=people.led_organisations(user)))
               .select_related("period", "organisation", "member")
               .annotate(n_items=Count("items", filter=Q(items__withdrawn=False)),
                         n_done=Count("items", filter=Q(items__withdrawn=False,
                                                        items__status=DONE)))
               .order_by("-period__start_date", "kind")[:10])
    rows = [MemberRow(str(p), reverse("commitments:pledge", args=[p.pk])
                      if p.published_revision else reverse("commitments:edit", args=[p.pk]),
                      f"{p.get_state_display()}；践诺 {p.n_done}/{p.n_items} 项已完成")
            for p in pledges]
    return [MemberPanel("我的承诺", rows, empty="还没有承诺书。",
                        more_url=reverse("commitments:my"), more_label="起草和管理我的承诺书")]


def build_plugin():
    from . import notifying, personal_data
    from .demo import load_demo
    from .search import provider

    return Plugin(
        label="commitments",
        name=PLUGIN_NAME,
        description=PLUGIN_DESCRIPTION,
        version=__version__,
        urls="plugins.commitments.urls",
        url_prefix="commitments/",
        front_cache_paths=front_cache_paths,
        nav_items=[NavItem("承诺践诺", "commitments:ledger")],
        home_panel_template="commitments/home_panel.html",
        home_panel_context=home_panel_context,
        demo_loader=load_demo,
        admin_menu_items=[
            AdminMenuItem("承诺期", "commitments_periods:index", icon_name="date",
                          permission="commitments.view_period", order=10),
            AdminMenuItem("公开承诺书", "commitments_pledges:index", icon_name="doc-full",
                          permission="commitments.view_pledge", order=20),
            AdminMenuItem("台账历史", "commitments_ledger:index", icon_name="history",
                          permission="commitments.view_ledgerentry", order=30),
            AdminMenuItem("导入台账", "commitments:import", icon_name="upload",
                          permission="commitments.import_ledger", order=40),
        ],
        admin_menu_icon="tasks",
        permissions=[
            PluginPermission("commitments.approve_pledge", "审定任一党组织的承诺书"),
            PluginPermission("commitments.comment_pledge", "点评任一党组织的承诺书"),
            PluginPermission("commitments.import_ledger", "从 XLSX 导入承诺践诺台账"),
            PluginPermission("commitments.add_period", "新建承诺期"),
            PluginPermission("commitments.change_period", "修改承诺期"),
        ],
        search_providers=[provider()],
        personal_data=[PersonalData(personal_data.TITLE, export=personal_data.export,
                                    erase=personal_data.erase)],
        audited_downloads={
            "commitments:export": "承诺践诺台账（XLSX）",
            "commitments:docx": "公开承诺书（Word）",
        },
        todo_items=todo_items,
        notification_kinds=notifying.KINDS,
        member_panels=member_panels,
    )
