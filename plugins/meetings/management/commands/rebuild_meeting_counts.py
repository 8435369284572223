from django.core.management.base import BaseCommand

from plugins.meetings.counts import rebuild


class Command(BaseCommand):
    help = ("根据会议记录重新统计看板使用的月度召开次数（用于绕过系统直接写入数据库之后；"
            "经系统保存、导入的记录会自动统计）。")

    def handle(self, *args, **options):
        rows = rebuild()
        self.stdout.write(self.style.SUCCESS(f"已重新统计，共 {rows} 行（党组织×年度×会议类型）。"))
