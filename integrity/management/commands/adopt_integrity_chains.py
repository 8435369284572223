from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from integrity import chain, registry


class Command(BaseCommand):
    help = ("为升级前已有的台账和会议记录启用防篡改校验链：先用各自原有的哈希链核验全部现有数据，"
            "全部通过才为尚无校验链的对象封存第一环；有任何问题则列出并拒绝，不做任何改动。")

    def handle(self, *args, **options):
        problems = []
        for source in registry.sources().values():
            if source.legacy_verify is not None:
                problems += [f"{source.title}：{p}" for p in source.legacy_verify()]
        if problems:
            for problem in problems:
                self.stdout.write(problem)
            raise CommandError(f"现有数据未通过原有哈希链核验（{len(problems)}处问题），"
                               "未启用防篡改校验链，未做任何改动。请先查明并处理上述问题。")
        sealed = 0
        with transaction.atomic():
            for label, source in registry.sources().items():
                for chain_id, _label, _group, snapshot in source.objects():
                    if not chain.links(label, chain_id):
                        chain.seal(label, chain_id, snapshot(), "启用防篡改校验链（原有记录已核验）")
                        sealed += 1
        self.stdout.write(f"已为{sealed}个对象启用防篡改校验链。请随后运行 publish_integrity_heads 发布公示。")
