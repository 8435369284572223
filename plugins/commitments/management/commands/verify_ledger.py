from django.core.management.base import BaseCommand

from integrity.management.commands.verify_integrity import run
from plugins.commitments import sealing


class Command(BaseCommand):
    help = ("核验承诺践诺台账的防篡改校验链：每份承诺书每个读者可见的字段（事项、践诺记录、点评、台账及其文字），"
            "以及与最近一次台账校验公示（或 --against 所给公示 JSON）的链头。发现问题时以非零状态退出。")

    def add_arguments(self, parser):
        parser.add_argument("--against", help="一份保存下来的公示 JSON（/integrity/latest.json）")

    def handle(self, *args, **options):
        run(self, [sealing.SOURCE], options.get("against"),
            ok="台账校验通过：每份承诺书的台账和防篡改校验链完整，与公示一致。")
