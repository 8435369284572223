"""One command for all scheduled work: raise due-date events (core and plugins), send the
daily digests, retry messages a channel failed to take. Run it every 10 minutes from cron
or a systemd timer (docs/operations.md).

A pass that starts while another is still running on this machine (a slow digest, say)
skips its turn instead of sending the same digest twice: the passes share a lock file
under the var directory (fcntl.flock, released by the kernel if a pass dies).
"""

import fcntl
import sys
import traceback

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.scheduled import scheduled_tasks


class Command(BaseCommand):
    help = "运行全部定时任务：到期提醒、每日汇总邮件、失败消息重发，以及插件登记的任务。"

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", default=[], metavar="NAME",
                            help="只运行指定名称的任务（可重复）")
        parser.add_argument("--list", dest="list_tasks", action="store_true", help="列出全部任务后退出")

    def handle(self, *args, only, list_tasks, **options):
        tasks = scheduled_tasks()
        if list_tasks:
            for task in tasks:
                self.stdout.write(f"{task.name}\t{task.label}")
            return
        known = {task.name for task in tasks}
        unknown = [name for name in only if name not in known]
        if unknown:
            raise CommandError(f"没有名为 {'、'.join(unknown)} 的定时任务。可用 --list 查看全部任务。")
        lock_path = settings.VAR_DIR / "run_scheduled.lock"
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.stdout.write("上一轮定时任务仍在运行，本轮跳过。")
                return
            self.run_tasks(tasks, only)

    def run_tasks(self, tasks, only):
        failed = []
        now = timezone.now()
        for task in tasks:
            if only and task.name not in only:
                continue
            try:
                summary = task.run(now)
            except Exception:  # one failing task does not stop the others
                failed.append(task.name)
                self.stderr.write(f"[失败] {task.name}（{task.label}）\n{traceback.format_exc()}")
                continue
            self.stdout.write(f"[完成] {task.name}（{task.label}）：{summary or '无'}")
        if failed:
            self.stderr.write(f"{len(failed)}项任务失败：{'、'.join(failed)}")
            sys.exit(1)
