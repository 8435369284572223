from django.core.management.base import BaseCommand

from caching.signals import invalidate


class Command(BaseCommand):
    help = "清空匿名访问的整页缓存（更换缓存代次）。"

    def handle(self, *args, **options):
        invalidate("clear_page_cache command")
        self.stdout.write("页面缓存已清空。")
