"""Search benchmark: index generated Chinese documents on SQLite and PostgreSQL, then query.

Each database runs in its own subprocess (modelsearch picks its index models from
the default database at import time), with its own throw-away database: a temp
SQLite file, and a PostgreSQL database named bench_search_<pid> that is dropped
afterwards. Documents are BranchPage rows (a page type whose intro is indexed),
inserted directly so that only indexing is timed.

Alone: python -m tests.benchmarks.run search
Worker: python -m tests.benchmarks.bench_search --worker sqlite 1000
"""

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Chinese full-text search (jieba + FTS5 / PostgreSQL)"
COMMAND = "python -m tests.benchmarks.run search"
SCALES = {"full": 100_000, "smoke": 200}
DOC_CHARS = 1500
BATCH = 500
QUERIES = {
    "1-char": ["党", "课", "诺", "评", "群", "会", "制", "组"],
    "2-char": ["承诺", "评议", "支部", "党课", "整改", "群众", "考核", "台账"],
    "4-char": ["三会一课", "主题党日", "民主评议", "承诺践诺", "创先争优", "组织生活", "谈心谈话",
               "党务公开"],
    "multi-word": ["党小组 履职", "三会一课 观察员", "承诺 台账", "群众评议 整改",
                   "组织生活会 批评", "党费 交纳", "主题党日 志愿服务", "换届 选举"],
}
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
NOTES = """
Documents are generated from the domain dictionary and a list of common words,
about 1,500 characters each. Indexing rate counts analysis (normalisation,
character bigrams, jieba search-mode words) and the database writes; the raw
jieba rate is `jieba.cut_for_search` alone on the same documents (same
process, dictionary loaded). Query latency is one public-search round trip on
the backend: the count plus the first 10 results, ordered by relevance.
Set BENCH_SEARCH_DOCS to run at another size; the size used is in the table.
"""

COMMON = ("工作 开展 加强 推进 落实 组织 学习 会议 要求 情况 制度 建设 群众 服务 活动 问题 "
          "措施 责任 考核 检查 研究 部署 教育 管理 监督 规范 质量 水平 意见 建议 经验 做法 "
          "单位 部门 机关 干部 同志 领导 思想 政治 理论 政策 方针 文件 精神 目标 任务 计划 "
          "总结 报告 记录 时间 地点 内容 形式 方式 程序 标准 结果 成效 作用 能力 作风 纪律 "
          "年度 季度 每月 每年 及时 认真 严格 进一步 全面 深入 扎实 切实 不断 积极 主动 "
          "的 了 和 与 及 在 对 把 按照 根据 通过 围绕 结合 坚持 注重 做到 确保 提高 增强 "
          "2020年 2021年 ISO9000 e支部 qq群 第一 第二 第三 一是 二是 三是").split()
PUNCT = "，，，、。；：“”（）"


def generate(count, seed=20201110):
    from search.analysis.segmenter import domain_terms

    rng = random.Random(seed)
    vocab = domain_terms() + COMMON * 3
    docs = []
    for i in range(count):
        words, length = [], 0
        while length < DOC_CHARS:
            word = rng.choice(vocab)
            words.append(word)
            length += len(word)
            if rng.random() < 0.12:
                words.append(rng.choice(PUNCT))
                length += 1
        title = "关于" + "".join(rng.choice(vocab) for _ in range(3)) + "的通知"
        docs.append((f"{title}{i}", "".join(words)))
    return docs


# -- worker (runs inside its own process) -------------------------------------------
def _setup(db):
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["PORTAL_PLUGINS"] = ""
    cleanup = None
    if db == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="bench-search-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def size():
            return path.stat().st_size

        def cleanup():
            path.unlink(missing_ok=True)
    else:
        import psycopg

        name = f"bench_search_{os.getpid()}"
        with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = f"{PG_URL}/{name}"

        def size():
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_total_relation_size('wagtailsearch_indexentry')")
                return cursor.fetchone()[0]

        def cleanup():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return size, cleanup


def _insert_pages(docs):
    """BranchPage rows under the root, written directly (treebeard paths computed here)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from pages.models import BranchPage

    root = Page.get_first_root_node()
    locale = Locale.get_default()
    ct = ContentType.objects.get_for_model(BranchPage)
    start = Page.objects.filter(depth=2).count() + 1
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def step(n):
        out = ""
        for _ in range(4):
            n, r = divmod(n, 36)
            out = alphabet[r] + out
        return out

    with transaction.atomic():
        for offset in range(0, len(docs), BATCH):
            chunk = docs[offset:offset + BATCH]
            pages = [Page(title=title, draft_title=title, slug=f"bench-{offset + i}",
                          content_type=ct, path=root.path + step(start + offset + i), depth=2,
                          numchild=0, url_path=f"/bench-{offset + i}/", live=True, locale=locale)
                     for i, (title, _body) in enumerate(chunk)]
            Page.objects.bulk_create(pages)
            ids = Page.objects.filter(slug__in=[p.slug for p in pages]).values_list("slug", "id")
            by_slug = dict(ids)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO pages_branchpage (page_ptr_id, org_type, member_count, phone, "
                    "address, intro, body) VALUES (%s, 'branch', 10, '', '', %s, '[]')",
                    [(by_slug[p.slug], body) for p, (_t, body) in zip(pages, chunk, strict=True)])
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])


def _percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(pct / 100 * (len(values) - 1))))]


def worker(db, count):
    size, cleanup = _setup(db)
    try:
        return _work(db, count, size)
    finally:
        cleanup()


def _work(db, count, size):
    from wagtail.search.backends import get_search_backend

    from pages.models import BranchPage
    from search.analysis.segmenter import cut_for_search, get_tokenizer

    get_tokenizer()
    docs = generate(count)
    sample = docs[: min(len(docs), 2000)]
    started = time.perf_counter()
    for _title, body in sample:
        list(cut_for_search(body))
    raw_rate = len(sample) / (time.perf_counter() - started)

    _insert_pages(docs)
    backend = get_search_backend()
    index = backend.get_index_for_model(BranchPage)
    size_before = size()
    started = time.perf_counter()
    queryset = BranchPage.objects.order_by("pk")
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:BATCH])
        if not chunk:
            break
        index.add_items(BranchPage, chunk)
        last = chunk[-1].pk
    index._refresh_title_norms(full=True)
    elapsed = time.perf_counter() - started
    rate = count / elapsed
    if db == "postgresql":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE wagtailsearch_indexentry") if connection.in_atomic_block is False else None
    index_bytes = size() - size_before if db == "sqlite" else size()

    rows = [
        {"metric": f"{db}: documents indexed", "value": count, "unit": "docs", "target": "100000",
         "ok": count >= 100_000},
        {"metric": f"{db}: indexing rate", "value": round(rate, 1), "unit": "docs/s",
         "target": "-", "ok": None},
        {"metric": f"{db}: raw jieba cut_for_search rate", "value": round(raw_rate, 1),
         "unit": "docs/s", "target": "-", "ok": None},
        {"metric": f"{db}: indexing / raw jieba", "value": round(rate / raw_rate, 2), "unit": "",
         "target": ">= 0.70", "ok": rate / raw_rate >= 0.70},
        {"metric": f"{db}: index size", "value": round(index_bytes / 1024 / 1024, 1),
         "unit": "MiB", "target": "-", "ok": None},
    ]
    pages = BranchPage.objects.all()
    for kind, queries in QUERIES.items():
        timings, hits = [], []
        for _round in range(3):
            for q in queries:
                started = time.perf_counter()
                results = backend.search(q, pages)
                first = list(results[:10])
                total = results.count()
                timings.append((time.perf_counter() - started) * 1000)
                hits.append(total if first or total == 0 else -1)
        p50, p95 = _percentile(timings, 50), _percentile(timings, 95)
        rows.append({"metric": f"{db}: {kind} query p50", "value": round(p50, 1), "unit": "ms",
                     "target": "-", "ok": None})
        rows.append({"metric": f"{db}: {kind} query p95", "value": round(p95, 1), "unit": "ms",
                     "target": "<= 50 ms", "ok": p95 <= 50})
        rows.append({"metric": f"{db}: {kind} median hits", "value": int(statistics.median(hits)),
                     "unit": "docs", "target": "-", "ok": None})
    return rows


# -- runner entry point --------------------------------------------------------------
def run(scale="full"):
    count = int(os.environ.get("BENCH_SEARCH_DOCS") or SCALES.get(scale, SCALES["smoke"]))
    rows = []
    root = Path(__file__).resolve().parent.parent.parent
    for db in ("sqlite", "postgresql"):
        proc = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_search", "--worker", db, str(count)],
            cwd=root, capture_output=True, text=True, timeout=6 * 3600)
        if proc.returncode != 0:
            raise RuntimeError(f"{db} worker failed:\n{proc.stderr[-3000:]}")
        rows.extend(json.loads(proc.stdout.strip().splitlines()[-1]))
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], int(sys.argv[3])), ensure_ascii=False))
    else:
        for row in run(sys.argv[1] if len(sys.argv) > 1 else "smoke"):
            print(row)
