from django.core.management.base import BaseCommand, CommandError

from audit import constants as c
from audit.api import log
from operations.archive import ArchiveError, checksum_file, create_backup, default_archive_path


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个带SHA-256校验清单的归档文件。"

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="归档文件路径（默认写入 BACKUP_DIR）。")

    def handle(self, *args, output=None, **options):
        target = output or default_archive_path()
        try:
            archive, manifest = create_backup(target)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from exc
        log(None, c.BACKUP, target=archive.name, detail=f"{len(manifest['files'])}个文件")
        self.stdout.write(f"备份完成：{archive}（{len(manifest['files'])}个文件）\n"
                          f"校验文件：{checksum_file(archive)}")
