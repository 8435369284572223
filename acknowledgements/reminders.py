"""Telling the audience: when a 需阅知 notice is (or becomes) live, and once more two days
before its deadline to those who have not confirmed. Through the notifications API, so each
member's preference (仅站内 / 站内+邮件 / 每日汇总) applies and nobody is told twice."""

import datetime as dt

from django.utils import timezone

from notifications.api import notify
from notifications.kinds import READ_REQUEST

from .audience import audience_users
from .models import ReadRequest

REMIND_DAYS_BEFORE = 2


def _link(read_request):
    from django.urls import reverse

    return reverse("acknowledgements:detail", args=[read_request.pk])


def unconfirmed(read_request):
    return audience_users(read_request).exclude(read_confirmations__request=read_request)


def announce(read_request):
    """Tell every member of the audience who has not yet confirmed (once)."""
    if not read_request.page.live:
        return 0
    deadline = (f"，请于{read_request.deadline:%Y年%m月%d日}前确认已阅"
                if read_request.deadline else "，阅读后请确认已阅")
    return len(notify(unconfirmed(read_request), READ_REQUEST,
                      f"请阅知：《{read_request.page.title}》",
                      body=f"{read_request.note or '该通知需要您阅知'}{deadline}。",
                      link=_link(read_request), key=f"read:{read_request.pk}:new"))


def remind(read_request, today):
    if not (read_request.deadline and read_request.page.live):
        return 0
    if not read_request.deadline - dt.timedelta(days=REMIND_DAYS_BEFORE) <= today:
        return 0
    return len(notify(unconfirmed(read_request), READ_REQUEST,
                      f"阅知提醒：《{read_request.page.title}》尚未确认已阅",
                      body=f"截止日期：{read_request.deadline:%Y年%m月%d日}。",
                      link=_link(read_request), key=f"read:{read_request.pk}:remind"))


def run(now):
    today = timezone.localdate(now)
    told = reminded = 0
    for read_request in ReadRequest.objects.filter(page__live=True).select_related("page"):
        told += announce(read_request)
        reminded += remind(read_request, today)
    return f"阅知通知{told}条，截止提醒{reminded}条"
