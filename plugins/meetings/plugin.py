"""This plugin's entry in the portal's plugin registry."""

from django.conf import settings

from portal.plugins import MemberPanel, MemberRow, NavItem, PersonalData, Plugin, TodoItem

from . import PLUGIN_DESCRIPTION, PLUGIN_NAME, __version__
from .frontcache import front_cache_paths


def export_attendance(user):
    """Export only: minutes are official sealed records; after erasure the
    attendee shows as the anonymised account."""
    return [str(record) for record in user.meetings_attended.order_by("start")]


def todo_items(request):
    """Organisational life overdue this year in the organisations the user enters minutes for."""
    from django.urls import reverse

    from pages.models import BranchPage

    from .compliance import tracked
    from .reminders import reminders
    from .scope import enterable_organisations, sees_everything

    user = request.user
    organisations = tracked(BranchPage.objects.live().filter(
        pk__in=enterable_organisations(user).values("pk"))).order_by("path")
    if not organisations.exists():
        return []
    overdue = sum(len(r.overdue) for r in reminders(organisations=organisations))
    url = reverse("meetings:overview" if sees_everything(user) else "meetings:index")
    return [TodoItem(overdue, "项组织生活逾期未开（三会一课）", url)]


def member_panels(request):
    """党员中心: organisational life due and overdue this year in my organisations."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone

    from pages.models import BranchPage

    from .compliance import tracked
    from .reminders import reminders

    user = request.user
    group_ids = list(user.groups.values_list("id", flat=True))
    mine = tracked(BranchPage.objects.live().filter(
        Q(members_group_id__in=group_ids) | Q(committee__user=user)).distinct()).order_by("path")
    if not mine.exists():
        return []
    today = timezone.localdate()
    rows = []
    for reminder in reminders(today=today, organisations=mine):
        url = reverse("meetings:organisation", args=[reminder.organisation.pk])
        # One line per kind of meeting: a branch that met no 支委会 all year has eleven
        # overdue months, which read better as one count than as eleven lines.
        overdue = {}
        for item in reminder.overdue:
            overdue.setdefault(item.label, []).append(item.period)
        for label, periods in overdue.items():
            missing = sum(p.required - p.held for p in periods)
            last = periods[-1]
            rows.append(MemberRow(
                f"{reminder.organisation.title}：{label}", url,
                f"逾期：{len(periods)}个周期共少开{missing}次，最近一期{last.label}"
                f"应开{last.required}次、实开{last.held}次"))
        for item in reminder.due:
            rows.append(MemberRow(f"{reminder.organisation.title}：{item.label}", url,
                                  f"待开，{item.period.end:%Y年%-m月%-d日}前还差{item.missing}次"))
    return [MemberPanel("我的组织生活", rows, empty="本组织今年的组织生活均已按期召开。",
                        more_url=reverse("meetings:index"), more_label="三会一课")]


def private_root():
    return settings.MEETINGS_PRIVATE_ROOT


def build_plugin():
    from . import notifying
    from .calendar import calendar_events
    from .demo import load_demo
    from .public import home_panel_context

    return Plugin(
        label="meetings",
        name=PLUGIN_NAME,
        description=PLUGIN_DESCRIPTION,
        version=__version__,
        urls="plugins.meetings.urls",
        url_prefix="meetings/",
        front_cache_paths=front_cache_paths,
        nav_items=[NavItem("三会一课", "meetings:index")],
        home_panel_template="meetings/home_panel.html",
        home_panel_context=home_panel_context,
        demo_loader=load_demo,
        personal_data=[PersonalData("三会一课出席记录", export=export_attendance)],
        audited_downloads={"meetings:export": "三会一课记录（XLSX）"},
        todo_items=todo_items,
        member_panels=member_panels,
        file_roots={"private": private_root},
        calendar_events=calendar_events,
        notification_kinds=notifying.KINDS,
        scheduled_tasks=notifying.TASKS,
    )
