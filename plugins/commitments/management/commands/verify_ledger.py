from django.core.management.base import BaseCommand, CommandError

from plugins.commitments.history import verify_all
from plugins.commitments.models import Pledge


class Command(BaseCommand):
    help = "Check the hash chain of every 承诺书's history; report every broken link."

    def add_arguments(self, parser):
        parser.add_argument("--pledge", type=int, help="check one 承诺书 (by id)")

    def handle(self, *args, **options):
        pledges = Pledge.objects.select_related("period", "organisation", "member").order_by("pk")
        if options.get("pledge"):
            pledges = pledges.filter(pk=options["pledge"])
        count = pledges.count()
        problems = verify_all(pledges)
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"台账校验未通过：{count}份承诺书中发现{len(problems)}处问题。")
        self.stdout.write(self.style.SUCCESS(f"台账校验通过：{count}份承诺书的历史记录完整。"))
