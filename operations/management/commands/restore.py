import tempfile

from django.core.management.base import BaseCommand, CommandError

from audit import constants as c
from audit.api import log
from operations.archive import ArchiveError, restore_from, verify_and_extract


class Command(BaseCommand):
    help = "从备份归档恢复数据库和上传文件（先校验SHA-256，校验不通过则不做任何改动）。"

    def add_arguments(self, parser):
        parser.add_argument("archive", help="backup 命令生成的 .tar.gz 文件")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="不询问确认。")
        parser.add_argument("--skip-index", action="store_true",
                            help="恢复后不重建搜索索引（之后请手动运行 update_index）。")

    def handle(self, *args, archive, interactive, skip_index, **options):
        with tempfile.TemporaryDirectory(prefix="portal-restore-") as tmp:
            try:
                manifest = verify_and_extract(archive, tmp)
            except ArchiveError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"校验通过：{len(manifest['files'])}个文件，"
                              f"备份时间 {manifest.get('created_at', '未知')}。")
            if interactive:
                answer = input("恢复将覆盖当前数据库和上传文件，输入 yes 继续：")
                if answer.strip().lower() != "yes":
                    raise CommandError("已取消，未做任何改动。")
            try:
                restore_from(tmp, rebuild_index=not skip_index, manifest=manifest)
            except ArchiveError as exc:
                raise CommandError(str(exc)) from exc
        log(None, c.RESTORE, target=str(archive), detail=f"备份时间 {manifest.get('created_at')}")
        self.stdout.write("恢复完成。")
