from wagtail import hooks

from portal.plugins import ScheduledTask
from portal.scheduled import HOOK as SCHEDULED_HOOK

from . import reminders
from .viewsets import read_request_viewset


@hooks.register("register_admin_viewset")
def register_read_requests():
    return read_request_viewset


@hooks.register(SCHEDULED_HOOK, order=0)
def read_request_reminders():
    return [ScheduledTask("acknowledgements.reminders", "阅知通知与截止提醒", reminders.run)]
