"""python manage.py import_content FILE.jsonl: import notices, experience cases, branches.

One JSON object per line; see docs/import_content.md. Each line runs in its own
transaction: a bad line is reported with its number and skipped, the others
are kept. Matching is by slug, so a rerun updates instead of duplicating.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pages.importers import ImportError_, importer_for


class Command(BaseCommand):
    help = "从 JSON Lines 文件导入通知公告、经验交流、党组织等内容（按 slug 幂等）。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSONL 文件路径；- 表示标准输入")

    def handle(self, *args, path, **options):
        import sys

        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"无法打开文件：{error}") from None
        created = updated = failed = 0
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    result = self.import_line(line)
                except ImportError_ as error:
                    failed += 1
                    self.stderr.write(f"第{number}行：{error}已跳过。")
                    continue
                except Exception as error:  # any other failure skips only this line
                    failed += 1
                    self.stderr.write(f"第{number}行：导入失败（{type(error).__name__}: {error}），已跳过。")
                    continue
                if result.created:
                    created += 1
                else:
                    updated += 1
        summary = f"导入完成：新建 {created} 条，更新 {updated} 条，跳过 {failed} 条。"
        self.stdout.write(self.style.SUCCESS(summary) if not failed else self.style.WARNING(summary))

    def import_line(self, line):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ImportError_(f"不是有效的 JSON（第{error.colno}列附近）。") from None
        if not isinstance(record, dict):
            raise ImportError_("每行应为一个 JSON 对象。")
        importer = importer_for(record.get("type"))
        if importer is None:
            raise ImportError_(f"未知的类型“{record.get('type')}”。")
        with transaction.atomic():
            return importer(record, {})
