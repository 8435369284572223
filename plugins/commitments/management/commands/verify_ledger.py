from django.core.management.base import BaseCommand, CommandError

from integrity import anchors
from plugins.commitments import sealing
from plugins.commitments.history import verify_all
from plugins.commitments.models import Pledge


class Command(BaseCommand):
    help = ("核验承诺践诺台账：每份承诺书的台账哈希链、防篡改校验链（每个读者可见的字段），"
            "以及与最近一次台账校验公示（或 --against 所给公示 JSON）的链头。发现问题时以非零状态退出。")

    def add_arguments(self, parser):
        parser.add_argument("--pledge", type=int, help="只核验一份承诺书（按编号）的台账哈希链")
        parser.add_argument("--against", help="一份保存下来的公示 JSON（/integrity/latest.json）")

    def handle(self, *args, **options):
        pledges = Pledge.objects.select_related("period", "organisation", "member").order_by("pk")
        if options.get("pledge"):
            pledges = pledges.filter(pk=options["pledge"])
        count = pledges.count()
        problems = verify_all(pledges)
        if not options.get("pledge"):
            published = None
            if options.get("against"):
                try:
                    document = anchors.load_copy(options["against"])
                except ValueError as exc:
                    raise CommandError(str(exc)) from exc
                published, copy_problems = anchors.heads_from_copy(document, sealing.SOURCE)
                problems += copy_problems
            problems += sealing.verify(published)
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"台账校验未通过：{count}份承诺书中发现{len(problems)}处问题。")
        self.stdout.write(self.style.SUCCESS(f"台账校验通过：{count}份承诺书的历史记录完整。"))
