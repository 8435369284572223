"""Remove audit events older than the retention period, never less than six months.

The events are the portal's and its plugins' actions in Wagtail's log (logins, exports,
personal-data requests, ...). Wagtail's own entries — a page's or a snippet's history of
edits, publication and workflow decisions — are the item's history and are kept.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from audit import constants as c
from audit.api import log
from portal.plugins import registry


class Command(BaseCommand):
    help = "删除超过保存期限的审计日志（保存期限不少于183天）。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="保存天数，默认取 AUDIT_RETENTION_DAYS，最少183。")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除。")

    def handle(self, *args, days, dry_run, **options):
        if days is None:
            days = getattr(settings, "AUDIT_RETENTION_DAYS", 365)
        if days < c.MIN_RETENTION_DAYS:
            raise CommandError(f"审计日志至少保存{c.MIN_RETENTION_DAYS}天（六个月），"
                               f"不能只保存{days}天。")
        cutoff = timezone.now() - timedelta(days=days)
        actions = [action for action, _ in c.ACTIONS + registry.audit_actions()]
        old = ModelLogEntry.objects.filter(action__in=actions, timestamp__lt=cutoff)
        count = old.count()
        if dry_run:
            self.stdout.write(f"将删除{count}条{cutoff:%Y-%m-%d}之前的审计日志（未执行）。")
            return
        old.delete()
        log(None, c.PURGE, target="审计日志", detail=f"删除{count}条，保存期限{days}天")
        self.stdout.write(f"已删除{count}条{cutoff:%Y-%m-%d}之前的审计日志。")
