from django.core.management.base import BaseCommand

from pages.demo.loader import DemoLoader
from pages.demo.organisations import DEMO_PASSWORD, DEMO_USERS
from portal.plugins import registry


class Command(BaseCommand):
    help = "Load the demo site (Chinese content modelled on the seed notices). Safe to rerun."

    def handle(self, *args, **options):
        from django.conf import settings

        loader = DemoLoader(stdout=self.stdout)
        loader.run()
        for plugin in registry.enabled():
            if plugin.demo_loader:
                plugin.demo_loader(self.stdout)
        if loader.created:
            self.stdout.write(self.style.SUCCESS(f"演示站点已载入（新建 {loader.created} 个页面）。"))
        else:
            self.stdout.write("演示站点已存在，未做改动。")
        if settings.ENABLE_DEMO_ACCOUNTS:
            names = "、".join(DEMO_USERS)
            self.stdout.write(f"演示账户（仅开发环境）：{names}，密码均为 {DEMO_PASSWORD}")
