from django.core.management.base import BaseCommand

from integrity.management.commands.verify_integrity import run
from pages.models import BranchPage
from plugins.meetings import sealing
from plugins.meetings.constants import MEETING_TYPE_LABELS
from plugins.meetings.counts import mismatches
from plugins.meetings.files import check_files
from plugins.meetings.models import MeetingRecord


class Command(BaseCommand):
    help = ("核验三会一课记录的防篡改校验链（每条记录每个读者可见的字段、版本、附件和观察评价）及与"
            "最近一次台账校验公示的链头；附件文件与登记的哈希；看板使用的月度召开次数。"
            "发现问题时以非零状态退出。")

    def add_arguments(self, parser):
        parser.add_argument("--skip-files", action="store_true", help="不重新计算附件文件的哈希")
        parser.add_argument("--against", help="一份保存下来的台账校验公示 JSON（/integrity/latest.json）")

    def handle(self, *args, **options):
        records = MeetingRecord.objects.order_by("pk")
        files, problems = 0, []
        if not options["skip_files"]:
            files, problems = check_files(records)
        wrong = mismatches()
        titles = dict(BranchPage.objects.filter(pk__in={row[0] for row in wrong})
                      .values_list("pk", "title"))
        for org, year, meeting_type, stored, expected in wrong:
            problems.append(
                f"{titles.get(org, f'党组织 #{org}')}{year}年“{MEETING_TYPE_LABELS[meeting_type]}”"
                f"的月度召开次数 {stored or '无'} 与会议记录 {expected or '无'} 不符（记录被绕过系统"
                "写入），请运行 manage.py rebuild_meeting_counts 重新统计。")
        run(self, [sealing.SOURCE], options.get("against"), extra=problems,
            ok=f"共核验 {records.count()} 条会议记录、{files} 个附件文件，未发现篡改。")
