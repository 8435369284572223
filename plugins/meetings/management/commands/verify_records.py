from django.core.management.base import BaseCommand, CommandError

from plugins.meetings.chain import verify_chain


class Command(BaseCommand):
    help = "核验三会一课记录的防篡改版本链：哈希、链序、当前内容和附件文件。发现问题时以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("--skip-files", action="store_true", help="不重新计算附件文件的哈希")

    def handle(self, *args, **options):
        report = verify_chain(check_files=not options["skip_files"])
        summary = (f"共核验 {report.records} 条会议记录、{report.versions} 个版本、"
                   f"{report.files} 个附件文件。")
        if report.ok:
            self.stdout.write(self.style.SUCCESS(summary + "未发现篡改。"))
            return
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(problem))
        raise CommandError(summary + f"发现 {len(report.problems)} 处问题，记录可能已被篡改。")
