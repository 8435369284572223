"""The iCalendar feeds: an organisation's public calendar, and a member's secret one.

The core serves the feeds; the events come from the enabled plugins through the
registry's `calendar_events` hook. Public feed: only public events of an organisation
whose page the public may see. Member feed (/calendar/m/<token>.ics): every event the
plugins find visible to that member in the organisations they belong to; an address
that was reset answers 410 with a message, an unknown one 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from caching.middleware import mark_uncacheable
from pages.models import BranchPage
from portal.plugins import registry
from portal.scope import AnonymousScopeResolver

from .feed import build
from .models import CalendarToken, RevokedCalendarToken, digest

CONTENT_TYPE = "text/calendar; charset=utf-8"
RESET_MESSAGE = ("此日历订阅地址已重置，不再提供日程。请登录党员中心复制新的订阅地址，"
                 "并在日历软件中替换旧地址。")
UNKNOWN_MESSAGE = "日历订阅地址不存在，请登录党员中心复制您的订阅地址。"


def _text(message, status):
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def _ics(body, filename, private):
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    return response


def organisation_feed(request, pk):
    if not registry.provides_calendar():
        raise Http404("没有提供日历的插件。")
    organisation = BranchPage.objects.live().filter(pk=pk).first()
    if organisation is None or not AnonymousScopeResolver().can_see(organisation):
        raise Http404("党组织不存在。")
    events = registry.calendar_events([organisation], user=None)
    body = build(events, f"{organisation.title}活动日历", request)
    return _ics(body, f"organisation-{organisation.pk}.ics", private=False)


def member_organisations(user):
    groups = user.groups.values("id")
    return (BranchPage.objects.live()
            .filter(Q(members_group__in=groups) | Q(committee__user=user))
            .distinct().order_by("path"))


def member_feed(request, token):
    mark_uncacheable(request)
    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None:
        if RevokedCalendarToken.objects.filter(digest=digest(token)).exists():
            return _text(RESET_MESSAGE, 410)
        return _text(UNKNOWN_MESSAGE, 404)
    user = found.user
    if not user.is_active:
        return _text(UNKNOWN_MESSAGE, 404)
    events = registry.calendar_events(list(member_organisations(user)), user=user)
    body = build(events, "我的组织生活日历", request)
    return _ics(body, "my-calendar.ics", private=True)


@login_required
@require_POST
def reset(request):
    CalendarToken.reset(request.user)
    messages.success(request, "日历订阅地址已重置，旧地址已失效。请在日历软件中改用新地址。")
    return redirect("members:home")
