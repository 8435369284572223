"""Measure search quality per kind of query and write the table into docs/search.md.

    python manage.py search_quality            # print the table
    python manage.py search_quality --write    # and replace it in docs/search.md

Builds the judged corpus of search/quality.py inside a transaction that is rolled back
(nothing stays in the database), measures the database engine, and, when
ELASTICSEARCH_URL is set, Elasticsearch on a throw-away index that is dropped afterwards.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import override_settings

from search.quality import build_corpus, evaluate, table

START = "<!-- search-quality:start -->"
END = "<!-- search-quality:end -->"


class Command(BaseCommand):
    help = "按检索类型（虚词短语、繁体、同义词、拼音）计算 recall@10 与 MRR，可写入 docs/search.md。"

    def add_arguments(self, parser):
        parser.add_argument("--write", nargs="?", const=str(Path(settings.BASE_DIR) / "docs" /
                                                             "search.md"),
                            help="把结果表写入该文件（默认 docs/search.md）的标记之间")

    def handle(self, *args, write=None, **options):
        results = {connection.vendor: self._measure(None)}
        url = os.environ.get("ELASTICSEARCH_URL")
        if url:
            results["elasticsearch"] = self._measure(url)
        text = table(results)
        self.stdout.write(text)
        if write:
            path = Path(write)
            doc = path.read_text(encoding="utf-8")
            if START not in doc or END not in doc:
                raise CommandError(f"{path} 中没有 {START} … {END} 标记。")
            head, rest = doc.split(START, 1)
            _old, tail = rest.split(END, 1)
            path.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
            self.stdout.write(f"已写入 {path}")

    def _measure(self, url):
        with transaction.atomic():
            if url is None:
                found = evaluate(build_corpus(self._section()))
            else:
                found = self._measure_elasticsearch(url)
            transaction.set_rollback(True)  # nothing of the corpus stays
        return found

    def _measure_elasticsearch(self, url):
        from wagtail.search.backends import get_search_backend

        backends = {**settings.WAGTAILSEARCH_BACKENDS,
                    "elasticsearch": {"BACKEND": "search.backends.elasticsearch", "URLS": [url],
                                      "INDEX_PREFIX": f"quality{os.getpid()}_",
                                      "REFRESH_WRITES": True, "TIMEOUT": 30}}
        engine = {"BACKEND": "search.engines.elasticsearch.ElasticsearchEngine",
                  "OPTIONS": {"BACKEND_NAME": "elasticsearch"}}
        with override_settings(WAGTAILSEARCH_BACKENDS=backends, PORTAL_SEARCH_ENGINE=engine):
            backend = get_search_backend("elasticsearch")
            backend.content_index.reset()
            try:
                return evaluate(build_corpus(self._section()))
            finally:
                backend.drop_all()

    def _section(self):
        from wagtail.models import Site

        from pages.models import SectionPage

        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            raise CommandError("没有站点：请先运行 migrate 并创建首页。")
        section = SectionPage(title="检索质量评估", slug="search-quality-tmp")
        site.root_page.add_child(instance=section)
        return section
