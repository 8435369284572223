"""Delete contact phones left with reviews once the retention period has passed."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plugins.reviews import conf
from plugins.reviews.models import ContactDetail


class Command(BaseCommand):
    help = "清除超过保存期限的群众评议联系电话（默认期限见 REVIEWS_CONTACT_RETENTION_DAYS）。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help="保存天数，默认取 REVIEWS_CONTACT_RETENTION_DAYS。")
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除。")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = conf.contact_retention_days() if days is None else days
        if days < 0:
            raise CommandError("保存天数不能为负数。")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        expired = ContactDetail.objects.filter(created_at__lt=cutoff)
        count = expired.count()
        if not dry_run:
            expired.delete()
        verb = "将清除" if dry_run else "已清除"
        self.stdout.write(f"{verb} {count} 条超过 {days} 天的联系电话。")
