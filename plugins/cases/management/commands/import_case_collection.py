"""python manage.py import_case_collection FILE.txt: cases from a plain-text collection.

See plugins/cases/text_collection.py for the format and docs/cases.md. Each
article runs in its own transaction; malformed articles are reported with
their line numbers and skipped; an article whose content hash is already in
the library is skipped as a duplicate. The summary says what happened.
"""

import datetime
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from pages.importers import ImportError_, save_and_publish

from ...hashing import content_hash
from ...importers import fill_case, find_library
from ...text_collection import parse


def _slug_for(title, digest):
    base = slugify(title) or "case"
    return f"{base[:40]}-{digest[:10]}".strip("-")


class Command(BaseCommand):
    help = "从纯文本汇编导入创新案例：每篇以“篇一：标题”或“标题 [篇2]”开头，按内容指纹跳过重复。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="UTF-8 文本文件；- 表示标准输入")
        parser.add_argument("--library", default="", help="创新案例库页面的 slug（默认第一个）")
        parser.add_argument("--field", default="", help="未注明领域时使用的领域，如：社区")
        parser.add_argument("--type", default="", dest="innovation_type",
                            help="未注明类型时使用的创新类型，如：机制创新")
        parser.add_argument("--source", default="", help="未注明来源时使用的来源")
        parser.add_argument("--date", default="", help="未注明日期时使用的日期（默认今天）")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, path, library, field, innovation_type, source, date, dry_run,
               **options):
        import sys

        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")  # noqa: SIM115
            with stream:
                lines = stream.readlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"无法读取文件：{error}") from None
        try:
            parent = find_library(library or None)
        except ImportError_ as error:
            raise CommandError(str(error)) from None
        if date and not re.match(r"^\d{4}-\d{2}-\d{2}$", date):
            raise CommandError("--date 应为 YYYY-MM-DD。")
        defaults = {"field": field, "innovation_type": innovation_type, "source": source,
                    "date": date or datetime.date.today().isoformat()}

        articles, errors = parse(lines)
        for error in errors:
            self.stderr.write(f"{error.message}，已跳过该篇。")
        created = duplicates = failed = 0
        seen = set()
        for article in articles:
            outcome = self.import_article(article, defaults, parent, seen, dry_run)
            if outcome == "created":
                created += 1
                self.stdout.write(f"第{article.line}行：已导入“{article.title}”。")
            elif outcome == "duplicate":
                duplicates += 1
                self.stdout.write(f"第{article.line}行：“{article.title}”与已有案例内容相同，已跳过。")
            else:
                failed += 1
                self.stderr.write(f"第{article.line}行：“{article.title}”{outcome}已跳过。")
        failed += len(errors)
        verb = "可导入" if dry_run else "新建"
        summary = (f"共识别 {len(articles) + len(errors)} 篇：{verb} {created} 篇，"
                   f"重复跳过 {duplicates} 篇，出错跳过 {failed} 篇。")
        self.stdout.write(self.style.SUCCESS(summary) if not failed else self.style.WARNING(summary))

    def import_article(self, article, defaults, parent, seen, dry_run):
        from ...models import InnovationCasePage

        record = article.record(defaults)
        body = " ".join(str(record.get(k) or "") for k in ("background", "practice", "results",
                                                             "lessons"))
        digest = content_hash(record["title"], body)
        if digest in seen or InnovationCasePage.objects.filter(content_hash=digest).exists():
            return "duplicate"
        seen.add(digest)
        if dry_run:
            return "created"
        try:
            with transaction.atomic():
                page = InnovationCasePage(slug=_slug_for(record["title"], digest))
                fill_case(page, record)
                save_and_publish(page, parent, created=True)
        except ImportError_ as error:
            return f"无法导入：{error}"
        return "created"
