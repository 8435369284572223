from django.core.management.base import BaseCommand, CommandError

from integrity import anchors
from pages.models import BranchPage
from plugins.meetings import sealing
from plugins.meetings.chain import verify_chain
from plugins.meetings.constants import MEETING_TYPE_LABELS
from plugins.meetings.counts import mismatches


class Command(BaseCommand):
    help = ("核验三会一课记录的防篡改版本链：哈希、链序、当前内容、附件文件及已移除附件的存档；"
            "并核对看板使用的月度召开次数。发现问题时以非零状态退出。")

    def add_arguments(self, parser):
        parser.add_argument("--skip-files", action="store_true", help="不重新计算附件文件的哈希")
        parser.add_argument("--against", help="一份保存下来的台账校验公示 JSON（/integrity/latest.json）")

    def handle(self, *args, **options):
        report = verify_chain(check_files=not options["skip_files"])
        published = None
        if options.get("against"):
            try:
                document = anchors.load_copy(options["against"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            published, copy_problems = anchors.heads_from_copy(document, sealing.SOURCE)
            report.problems += copy_problems
        report.problems += sealing.verify(published)
        wrong = mismatches()
        titles = dict(BranchPage.objects.filter(pk__in={row[0] for row in wrong})
                      .values_list("pk", "title"))
        for org, year, meeting_type, stored, expected in wrong:
            report.problems.append(
                f"{titles.get(org, f'党组织 #{org}')}{year}年“{MEETING_TYPE_LABELS[meeting_type]}”"
                f"的月度召开次数 {stored or '无'} 与会议记录 {expected or '无'} 不符（记录被绕过系统"
                "写入），请运行 manage.py rebuild_meeting_counts 重新统计。")
        summary = (f"共核验 {report.records} 条会议记录、{report.versions} 个版本、"
                   f"{report.files} 个附件文件。")
        if report.ok:
            self.stdout.write(self.style.SUCCESS(summary + "未发现篡改。"))
            return
        for problem in report.problems:
            self.stdout.write(self.style.ERROR(problem))
        raise CommandError(summary + f"发现 {len(report.problems)} 处问题，记录可能已被篡改。")
