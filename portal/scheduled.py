"""Scheduled work: everything `manage.py run_scheduled` does on each pass.

Core apps contribute through one Wagtail hook, `register_scheduled_tasks`: a function
returning portal.plugins.ScheduledTask objects. Plugins fill their Plugin's
`scheduled_tasks` instead, which portal/wagtail_hooks.py passes on through the same hook.
Tasks run in hook order (events are raised before digests are sent, digests before
queued messages are retried); each must be safe to run again.
"""

from wagtail import hooks

HOOK = "register_scheduled_tasks"


def scheduled_tasks():
    tasks = []
    for contribute in hooks.get_hooks(HOOK):
        tasks.extend(contribute() or [])
    return tasks
