"""Search benchmark: index generated Chinese documents on SQLite and PostgreSQL, then query.

What runs, in order (BENCH_SEARCH_DOCS sets the size, 100,000 by default):

1. The parent generates the documents (each one from its own seed, so any
   process can make any of them) and analyses all but the last SAMPLE of them
   once, in os.cpu_count() processes, with the indexer's own analysis
   (search.analysis.index_text), for both databases. The result is cached in
   var/bench-search/ (2,500 documents per file) under a hash of the analysis
   code, the dictionary and the corpus parameters, so a re-run or a larger run
   reuses what is there. None of this is timed.
2. Each database runs in its own subprocess (modelsearch picks its index
   models from the default database at import time) with a throw-away
   database (a temporary SQLite file; a PostgreSQL database
   bench_search_<pid>, dropped afterwards):
   a. BranchPage rows for every document are inserted directly;
   b. the pre-analysed documents are written to the index through the
      backend's own write path (index.add_analysed, the method add_items
      ends in) -- reported as the bulk write rate; a few of them are checked
      against a fresh analysis of the stored page;
   c. the last SAMPLE documents are indexed from scratch, in this process,
      through index.add_items (pages read with the ORM, text analysed, rows
      written) into the already large index -- this is the indexing rate;
   d. raw jieba (cut_for_search on the same SAMPLE documents' title and body,
      same process, dictionary loaded) -- the reference rate; jieba's
      precise cut and the indexer's PreciseCutter as stricter references;
   e. index size, then query latency.

3. Elasticsearch runs the same way beside PostgreSQL (pages in a throw-away PostgreSQL
   database, documents in a node of its own that the worker starts with
   scripts/elasticsearch.sh on port 9250 -- BENCH_ES_HTTP_PORT, BENCH_ES_TRANSPORT_PORT and
   BENCH_ES_NAME move it -- and stops afterwards): bulk write of the pre-analysed
   documents, the timed sample through the backend's add_items, raw jieba, then the public
   search as /search/ runs it: the Elasticsearch engine's search() (page of hits, per-type
   counts up to the cap, scope filter) plus loading and highlighting the page of hits from
   the database.

BENCH_SEARCH_BACKENDS chooses the backends (default: sqlite,postgresql,elasticsearch).
Alone: python -m tests.benchmarks.run search
Worker: python -m tests.benchmarks.bench_search --worker sqlite 1000
"""

import hashlib
import json
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

TITLE = "Chinese full-text search (jieba + FTS5 / PostgreSQL / Elasticsearch)"
COMMAND = "python -m tests.benchmarks.run search"
SCALES = {"full": 100_000, "smoke": 200}
DOC_CHARS = 1500
BATCH = 500
SAMPLE = int(os.environ.get("BENCH_SEARCH_SAMPLE") or 3000)  # documents indexed through the whole pipeline and timed
SEED = 20201110
ROUNDS = 3
ES_WARM_ROUNDS = 10
QUERIES = {
    "1-char": ["党", "课", "诺", "评", "群", "会", "制", "组"],
    "2-char": ["承诺", "评议", "支部", "党课", "整改", "群众", "考核", "台账"],
    "4-char": ["三会一课", "主题党日", "民主评议", "承诺践诺", "创先争优", "组织生活", "谈心谈话",
               "党务公开"],
    "multi-word": ["党小组 履职", "三会一课 观察员", "承诺 台账", "群众评议 整改",
                   "组织生活会 批评", "党费 交纳", "主题党日 志愿服务", "换届 选举"],
}
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
# The worker's own node: BENCH_ES_HTTP_PORT / BENCH_ES_TRANSPORT_PORT / BENCH_ES_NAME move it.
ES_NODE = {"ES_NAME": os.environ.get("BENCH_ES_NAME") or "bench",
           "ES_HTTP_PORT": os.environ.get("BENCH_ES_HTTP_PORT") or "9250",
           "ES_TRANSPORT_PORT": os.environ.get("BENCH_ES_TRANSPORT_PORT") or "9350",
           "ES_CLUSTER": "portal-bench", "ES_HEAP": "1g"}
BACKENDS = ("sqlite", "postgresql", "elasticsearch")
ROOT = Path(__file__).resolve().parent.parent.parent
CACHE = ROOT / "var" / "bench-search"
NOTES = """
Documents are generated from the domain dictionary and a list of common words,
about 1,500 characters each; the text is dense, so a 2-character query
matches nearly every document.

**What the indexing rate measures.** The last SAMPLE (3,000) documents are
indexed through the backend's `add_items`, into an index that already holds all
the other documents: pages read with the ORM, search fields collected, text
normalised, character bigrams and jieba words built, rows written (SQLite: one
multi-row INSERT into the index table per 50 documents, FTS5 fed by trigger;
PostgreSQL: tsvector built by the server in one INSERT … ON CONFLICT per 50
documents), one transaction per call. `add_items` analyses each batch of 50
while the database writes the one before (the write runs without the GIL), so
it can use a little more than one core: the CPU time per document is reported
beside the rate, for this process (all its threads, SQLite included) and, on
PostgreSQL, the server process. The raw jieba rate is jieba's own
`cut_for_search` over the title and body of the same documents, same process,
dictionary loaded. The other documents are analysed once, in parallel, by the
same analysis code, before either database runs (cached in var/bench-search/),
and written through the backend's own write path (`add_analysed`, which
`add_items` ends in): that is the "bulk write" rate, database work only. A few
of them are compared with a fresh analysis of the stored page.

**What a query measures.** One round trip on the backend, as the public search
and Wagtail's admin make it: the first 10 results by relevance plus the result
count (exact up to 1,000, then "1000 条以上", see docs/search.md), three rounds of
eight queries per kind after one untimed warm-up round. Ranking is exact
relevance over bounded candidates: the title matches, then the other matches,
each read in index order (newest first on SQLite, table order on PostgreSQL)
in blocks of 200, every candidate scope-checked inside the query. Wall-clock
latency depends heavily on the machine's load (shown above each database's
rows; the machine is shared), so the CPU time per query is reported too: on
SQLite this process's CPU (the database runs inside it), on PostgreSQL the
Django process's CPU plus the mean CPU of the PostgreSQL backend process.
On Elasticsearch a query is the public search itself (the engine's `search()`:
one multi-search with the page of hits and each type's count up to the cap,
then the page's items loaded from PostgreSQL and highlighted), with the
Django process's CPU and the mean CPU of the node's JVM per query.

The raw-jieba reference is jieba's `cut_for_search`, as the target asks. The
indexer keeps the words of jieba's precise mode (HMM on) of three or more
characters plus their dictionary sub-words, and computes that precise cut with
search.analysis.precise.PreciseCutter: the same words as jieba's `cut` (a test
compares them word for word), found in one backward pass with each word's
log-probability kept, in about half of jieba's time. Its own rate and jieba's
precise-mode rate are reported as stricter references. Sample indexing and
the three segmentation references alternate in batches of 250 documents, so
changes in machine load affect them alike.
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


@lru_cache(maxsize=1)
def _vocab():
    from search.analysis.segmenter import domain_terms

    return domain_terms() + COMMON * 3


def make_doc(i):
    """(title, body) of document i; each document has its own seed."""
    rng = random.Random(SEED * 1_000_003 + i)
    vocab = _vocab()
    words, length = [], 0
    while length < DOC_CHARS:
        word = rng.choice(vocab)
        words.append(word)
        length += len(word)
        if rng.random() < 0.12:
            words.append(rng.choice(PUNCT))
            length += 1
    title = "关于" + "".join(rng.choice(vocab) for _ in range(3)) + "的通知"
    return f"{title}{i}", "".join(words)


def generate(count, start=0):
    return [make_doc(i) for i in range(start, count)]


def analyse(title, body):
    """What the indexer stores for a BranchPage with this title and intro."""
    from search.analysis import index_text

    return index_text(title), index_text(body), index_text(title, words=False)


def _analyse_range(bounds):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    start, stop = bounds
    return [analyse(*make_doc(i)) for i in range(start, stop)]


SHARD = 2500  # documents per cache file


def _cache_key():
    digest = hashlib.sha1(f"{SEED}:{DOC_CHARS}:{COMMON}".encode())
    for path in sorted((ROOT / "search" / "analysis").glob("*.py")) + [
            ROOT / "search" / "dictionary" / "party_terms.txt", Path(__file__)]:
        if path.name == "bench_search.py":
            source = path.read_text(encoding="utf-8")
            digest.update(source[source.index("def make_doc"):source.index("def _analyse_range")]
                          .encode())
        else:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _shard_path(start):
    return CACHE / _cache_key() / f"{start:07d}.pickle"


def prepare(bulk, processes=None):
    """Analyse documents 0..bulk-1 in parallel, SHARD documents per cache file (kept, so a
    later or larger run reuses them). Returns (shard paths, seconds spent analysing)."""
    import multiprocessing

    shards = [(start, min(bulk, start + SHARD)) for start in range(0, bulk, SHARD)]
    paths = []
    missing = []
    for start, stop in shards:
        path = _shard_path(start)
        if stop - start < SHARD:  # a partial last shard is named by its size too
            path = path.with_name(f"{start:07d}-{stop - start}.pickle")
        paths.append(path)
        if not path.exists():
            missing.append((start, stop, path))
    if not missing:
        return paths, 0.0
    processes = processes or os.cpu_count() or 1
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        for start, stop, path in missing:
            bounds = [(i, min(stop, i + 250)) for i in range(start, stop, 250)]
            rows = [row for part in pool.map(_analyse_range, bounds, chunksize=1) for row in part]
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as fh:
                pickle.dump(rows, fh, protocol=5)
            tmp.replace(path)
    return paths, time.perf_counter() - started


def load_prepared(paths):
    rows = []
    for path in paths:
        with open(path, "rb") as fh:
            rows.extend(pickle.load(fh))
    return rows


def _corpus(count, cache_file):
    """(documents, sample size, bulk size, pre-analysed bulk rows) for a worker: every
    backend indexes the same documents from the same prepared shards."""
    docs = generate(count)
    sample_n = min(SAMPLE, count)
    bulk_n = count - sample_n
    prepared = []
    if bulk_n:
        with open(cache_file, encoding="utf-8") as fh:
            prepared = load_prepared([Path(p) for p in json.load(fh)])
        assert len(prepared) == bulk_n
    return docs, sample_n, bulk_n, prepared


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
    """BranchPage rows under the root, written directly (treebeard paths computed here).
    Returns the page ids in document order."""
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

    ids = []
    with transaction.atomic():
        for offset in range(0, len(docs), BATCH):
            chunk = docs[offset:offset + BATCH]
            pages = [Page(title=title, draft_title=title, slug=f"bench-{offset + i}",
                          content_type=ct, path=root.path + step(start + offset + i), depth=2,
                          numchild=0, url_path=f"/bench-{offset + i}/", live=True, locale=locale)
                     for i, (title, _body) in enumerate(chunk)]
            Page.objects.bulk_create(pages)
            by_slug = dict(Page.objects.filter(slug__in=[p.slug for p in pages])
                           .values_list("slug", "id"))
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO pages_branchpage (page_ptr_id, org_type, member_count, phone, "
                    "address, intro, body) VALUES (%s, 'branch', 10, '', '', %s, '[]')",
                    [(by_slug[p.slug], body) for p, (_t, body) in zip(pages, chunk, strict=True)])
            ids.extend(by_slug[p.slug] for p in pages)
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])
    return ids


def _server_ticks(db):
    """A function giving the CPU clock ticks used so far by this connection's PostgreSQL
    backend process (same machine), or 0 on SQLite, which runs in this process."""
    if db != "postgresql":
        return lambda: 0
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]

    def ticks():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            return 0
    return ticks


def _percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(pct / 100 * (len(values) - 1))))]


def worker(db, count, cache_file):
    if db == "elasticsearch":
        return _elasticsearch_worker(count, cache_file)
    size, cleanup = _setup(db)
    try:
        return _work(db, count, cache_file, size)
    finally:
        cleanup()


def _es_script(command):
    env = {**os.environ, **ES_NODE}
    return subprocess.run(["bash", str(ROOT / "scripts" / "elasticsearch.sh"), command],
                          env=env, check=True, capture_output=True, text=True, timeout=600)


def _es_ticks():
    """A function giving the CPU clock ticks used so far by the benchmark's node (its JVM
    runs on this machine), 0 when they cannot be read."""
    pidfile = ROOT / "var" / "elasticsearch" / ES_NODE["ES_NAME"] / "node.pid"

    def ticks():
        try:
            pid = pidfile.read_text().strip()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            return int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, IndexError, ValueError):
            return 0
    return ticks


def _elasticsearch_worker(count, cache_file):
    shutil.rmtree(ROOT / "var" / "elasticsearch" / ES_NODE["ES_NAME"], ignore_errors=True)
    _es_script("start")
    url = f"http://127.0.0.1:{ES_NODE['ES_HTTP_PORT']}"
    os.environ["ELASTICSEARCH_URL"] = url
    _size, cleanup = _setup("postgresql")
    try:
        return _elasticsearch_work(count, cache_file, url)
    finally:
        cleanup()
        _es_script("stop")


def _elasticsearch_work(count, cache_file, url):
    from django.conf import settings
    from elasticsearch.helpers import bulk
    from wagtail.search.backends import get_search_backend

    from pages.models import BranchPage
    from portal.scope import AnonymousScopeResolver
    from search.analysis.segmenter import cut_for_search, get_tokenizer
    from search.backends.elasticsearch.documents import build_document
    from search.engines import get_engine
    from search.engines.base import SearchParams
    from search.providers import get_provider

    db = "elasticsearch"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.database"},
        "elasticsearch": {"BACKEND": "search.backends.elasticsearch", "URLS": [url],
                          "INDEX_PREFIX": "bench_", "TIMEOUT": 60}}
    get_tokenizer()
    docs, sample_n, bulk_n, prepared = _corpus(count, cache_file)
    ids = _insert_pages(docs)
    backend = get_search_backend("elasticsearch")
    index = backend.content_index
    index.reset()
    provider = get_provider("branch")
    template = build_document(provider, BranchPage.objects.get(pk=ids[0]))

    # b. bulk write of pre-analysed documents (the same token strings the databases get)
    started = time.perf_counter()
    pages = dict(BranchPage.objects.filter(pk__in=ids[:bulk_n]).values_list("pk", "path"))
    actions = ({"_index": backend.index_name, "_id": f"branch-{pk}", "_source": {
        **{k: v for k, v in template.items() if k != "_id"}, "object_id": str(pk), "pk": pk,
        "title_seg": row[0], "body_seg": row[1], "path": pages[pk]}}
        for pk, row in zip(ids[:bulk_n], prepared, strict=True))
    bulk(backend.client, actions, chunk_size=BATCH, request_timeout=120)
    bulk_elapsed = time.perf_counter() - started
    del prepared

    # c. the timed sample through add_items; d. raw jieba on the same text, alternating.
    sample_ids, sample_docs = ids[bulk_n:], docs[bulk_n:]
    elapsed = raw_elapsed = cpu = raw_cpu = 0.0
    step = 250
    for offset in range(0, sample_n, step):
        started, cpu_started = time.perf_counter(), time.process_time()
        for title, body in sample_docs[offset:offset + step]:
            list(cut_for_search(title))
            list(cut_for_search(body))
        raw_elapsed += time.perf_counter() - started
        raw_cpu += time.process_time() - cpu_started
        started, cpu_started = time.perf_counter(), time.process_time()
        chunk = list(BranchPage.objects.filter(pk__in=sample_ids[offset:offset + step])
                     .order_by("pk"))
        index.add_items(BranchPage, chunk)
        elapsed += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
    rate, raw_rate = sample_n / elapsed, sample_n / raw_elapsed
    backend.client.indices.refresh(index=backend.index_name)
    backend.client.indices.forcemerge(index=backend.index_name, max_num_segments=1,
                                      request_timeout=600)
    stats = backend.client.indices.stats(index=backend.index_name)
    indexed = backend.client.count(index=backend.index_name)["count"]
    index_bytes = stats["_all"]["primaries"]["store"]["size_in_bytes"]
    rows = [
        {"metric": f"{db}: documents indexed", "value": indexed, "unit": "docs",
         "target": "100000", "ok": indexed >= 100_000},
        {"metric": f"{db}: bulk write of pre-analysed docs", "value":
         round(bulk_n / bulk_elapsed, 1) if bulk_n else "-", "unit": "docs/s", "target": "-",
         "ok": None},
        {"metric": f"{db}: indexing rate (last {sample_n} docs)", "value": round(rate, 1),
         "unit": "docs/s", "target": "-", "ok": None},
        {"metric": f"{db}: raw jieba cut_for_search rate", "value": round(raw_rate, 1),
         "unit": "docs/s", "target": "-", "ok": None},
        {"metric": f"{db}: indexing / raw jieba", "value": round(rate / raw_rate, 2), "unit": "",
         "target": ">= 0.70", "ok": rate / raw_rate >= 0.70},
        {"metric": f"{db}: indexing CPU per document, this process",
         "value": round(cpu * 1000 / sample_n, 2), "unit": "ms", "target": "-", "ok": None},
        {"metric": f"{db}: index size (primaries, one segment)",
         "value": round(index_bytes / 1024 / 1024, 1), "unit": "MiB", "target": "-",
         "ok": None},
    ]
    # The public search exactly as /search/ runs it: the Elasticsearch engine (its
    # multi-search: the page of hits ranked, each type counted up to the cap, years when
    # no count reaches it), then the page's items loaded from the database through each
    # provider's visible() and their snippets highlighted. PORTAL_SEARCH_ENGINE must name
    # the engine here: the test settings keep the database engine, whose index this
    # worker never fills (every search would find nothing).
    settings.PORTAL_SEARCH_ENGINE = {
        "BACKEND": "search.engines.elasticsearch.ElasticsearchEngine", "OPTIONS": {}}
    get_engine.cache_clear()
    engine, resolver = get_engine(), AnonymousScopeResolver()
    ticks = _es_ticks()
    # The node has just started: its JVM compiles the search code as it runs it (its CPU
    # per search settles after some 300 searches). Every query, ES_WARM_ROUNDS times,
    # untimed first, so the timing sees a settled node (as the databases are timed after
    # VACUUM ANALYZE and CHECKPOINT).
    for _round in range(ES_WARM_ROUNDS):
        for q in [q for group in QUERIES.values() for q in group]:
            engine.search(SearchParams(query=q), resolver)
    for kind, queries in QUERIES.items():
        timings, cpu_used, hits = [], [], []
        node_before = ticks()
        for _round in range(ROUNDS):
            for q in queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                outcome = engine.search(SearchParams(query=q), resolver)
                timings.append((time.perf_counter() - started) * 1000)
                cpu_used.append((time.process_time() - cpu_started) * 1000)
                assert outcome.hits or not outcome.count, q
                hits.append(outcome.count)
        node_ms = (ticks() - node_before) * 1000 / os.sysconf("SC_CLK_TCK") / len(timings)
        p50, p95 = _percentile(timings, 50), _percentile(timings, 95)
        rows.append({"metric": f"{db}: {kind} query p50", "value": round(p50, 1), "unit": "ms",
                     "target": "-", "ok": None})
        rows.append({"metric": f"{db}: {kind} query p95", "value": round(p95, 1), "unit": "ms",
                     "target": "<= 30 ms", "ok": p95 <= 30})
        rows.append({"metric": f"{db}: {kind} CPU (Django process) p50 / p95", "value":
                     f"{_percentile(cpu_used, 50):.1f} / {_percentile(cpu_used, 95):.1f}",
                     "unit": "ms", "target": "-", "ok": None})
        rows.append({"metric": f"{db}: {kind} CPU of the Elasticsearch node, mean",
                     "value": round(node_ms, 1), "unit": "ms", "target": "-", "ok": None})
        rows.append({"metric": f"{db}: {kind} median count shown", "value":
                     int(statistics.median(hits)), "unit": "docs", "target": "-", "ok": None})
    index.reset()
    backend.drop_all()
    return rows


def _work(db, count, cache_file, size):
    from django.db import DatabaseError, connection
    from wagtail.search.backends import get_search_backend

    from pages.models import BranchPage
    from search.analysis.segmenter import cut_for_search, get_cutter, get_tokenizer
    from search.backends.database.indexer import RawDocument, analysed

    get_tokenizer()
    docs, sample_n, bulk_n, prepared = _corpus(count, cache_file)
    ids = _insert_pages(docs)
    backend = get_search_backend()
    index = backend.get_index_for_model(BranchPage)
    size_before = size()

    # b. bulk write of pre-analysed documents
    started = time.perf_counter()
    bulk_ids = ids[:bulk_n]  # a bulk size that is not a multiple of BATCH ends early
    for offset in range(0, bulk_n, BATCH):
        index.add_analysed(BranchPage, [
            (str(pk), *row) for pk, row in
            zip(bulk_ids[offset:offset + BATCH], prepared[offset:offset + BATCH], strict=True)])
    bulk_elapsed = time.perf_counter() - started
    checked = random.Random(1).sample(range(bulk_n), min(bulk_n, 20))
    for position in checked:
        fresh = analysed(RawDocument(BranchPage.objects.get(pk=ids[position])))
        assert fresh[1:] == prepared[position], position
    del prepared

    # c. the timed sample through add_items; d. raw jieba on the same text. The two
    # alternate batch by batch, so a change in machine load affects both alike.
    sample_ids = ids[bulk_n:]
    sample_docs = docs[bulk_n:]
    elapsed = raw_elapsed = precise_elapsed = ours_elapsed = 0.0
    cpu = raw_cpu = 0.0
    step = 250
    tokenizer = get_tokenizer()
    cutter = get_cutter()
    server_ticks = _server_ticks(db)
    server_used = 0
    for offset in range(0, sample_n, step):
        started, cpu_started = time.perf_counter(), time.process_time()
        for title, body in sample_docs[offset:offset + step]:
            list(cut_for_search(title))
            list(cut_for_search(body))
        raw_elapsed += time.perf_counter() - started
        raw_cpu += time.process_time() - cpu_started
        started = time.perf_counter()
        for title, body in sample_docs[offset:offset + step]:
            list(tokenizer.cut(title, HMM=True))
            list(tokenizer.cut(body, HMM=True))
        precise_elapsed += time.perf_counter() - started
        started = time.perf_counter()
        for title, body in sample_docs[offset:offset + step]:
            list(cutter.cut(title))
            list(cutter.cut(body))
        ours_elapsed += time.perf_counter() - started
        ticks_before = server_ticks()
        started, cpu_started = time.perf_counter(), time.process_time()
        chunk = list(BranchPage.objects.filter(pk__in=sample_ids[offset:offset + step])
                     .order_by("pk"))
        index.add_items(BranchPage, chunk)
        elapsed += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        server_used += server_ticks() - ticks_before
    rate = sample_n / elapsed
    raw_rate = sample_n / raw_elapsed
    precise_rate = sample_n / precise_elapsed
    ours_rate = sample_n / ours_elapsed
    server_cpu = server_used / os.sysconf("SC_CLK_TCK")
    assert BranchPage.objects.count() == count
    if hasattr(index, "finish_bulk"):
        index.finish_bulk()
    if db == "postgresql":
        # Queries are timed on a settled database, as a live site's would run: statistics
        # for every table the bulk load wrote (not only the index), and the load's dirty
        # pages flushed, so neither autovacuum nor a checkpoint runs inside the timing.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            try:
                cursor.execute("CHECKPOINT")
            except DatabaseError:  # a role without pg_checkpoint: the server's own schedule
                pass
    index_bytes = size() - size_before if db == "sqlite" else size()

    rows = [
        {"metric": f"{db}: documents indexed", "value": count, "unit": "docs", "target": "100000",
         "ok": count >= 100_000},
        {"metric": f"{db}: bulk write of pre-analysed docs", "value": round(bulk_n / bulk_elapsed, 1)
         if bulk_n else "-", "unit": "docs/s", "target": "-", "ok": None},
        {"metric": f"{db}: indexing rate (last {sample_n} docs)", "value": round(rate, 1),
         "unit": "docs/s", "target": "-", "ok": None},
        {"metric": f"{db}: raw jieba cut_for_search rate", "value": round(raw_rate, 1),
         "unit": "docs/s", "target": "-", "ok": None},
        {"metric": f"{db}: indexing / raw jieba", "value": round(rate / raw_rate, 2), "unit": "",
         "target": ">= 0.70", "ok": rate / raw_rate >= 0.70},
        {"metric": f"{db}: raw jieba precise-mode cut rate (stricter reference)",
         "value": round(precise_rate, 1), "unit": "docs/s", "target": "-", "ok": None},
        {"metric": f"{db}: indexing / raw precise cut", "value": round(rate / precise_rate, 2),
         "unit": "", "target": "-", "ok": None},
        {"metric": f"{db}: the indexer's own precise cut (PreciseCutter, same words)",
         "value": round(ours_rate, 1), "unit": "docs/s", "target": "-", "ok": None},
        {"metric": f"{db}: indexing CPU per document, this process (all threads)",
         "value": round(cpu * 1000 / sample_n, 2), "unit": "ms", "target": "-", "ok": None},
        {"metric": f"{db}: raw jieba cut_for_search CPU per document",
         "value": round(raw_cpu * 1000 / sample_n, 2), "unit": "ms", "target": "-", "ok": None},
    ] + ([
        {"metric": f"{db}: indexing CPU per document, PostgreSQL backend",
         "value": round(server_cpu * 1000 / sample_n, 2), "unit": "ms", "target": "-",
         "ok": None},
    ] if db == "postgresql" else []) + [
        {"metric": f"{db}: index size", "value": round(index_bytes / 1024 / 1024, 1),
         "unit": "MiB", "target": "-", "ok": None},
    ]
    pages = BranchPage.objects.all()
    for kind, queries in QUERIES.items():
        timings, cpu, hits = [], [], []
        for q in queries:  # warm-up, untimed
            list(backend.search(q, pages)[:10])
        ticks_before = server_ticks()
        for _round in range(ROUNDS):
            for q in queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                results = backend.search(q, pages)
                first = list(results[:10])
                total = results.count()
                timings.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
                hits.append(total if first or total == 0 else -1)
        server_ms = (server_ticks() - ticks_before) * 1000 / os.sysconf("SC_CLK_TCK") / len(cpu)
        p50, p95 = _percentile(timings, 50), _percentile(timings, 95)
        rows.append({"metric": f"{db}: {kind} query p50", "value": round(p50, 1), "unit": "ms",
                     "target": "-", "ok": None})
        rows.append({"metric": f"{db}: {kind} query p95", "value": round(p95, 1), "unit": "ms",
                     "target": "<= 50 ms", "ok": p95 <= 50})
        label = "CPU (this process, incl. SQLite)" if db == "sqlite" else "CPU (Django process)"
        rows.append({"metric": f"{db}: {kind} {label} p50 / p95", "value":
                     f"{_percentile(cpu, 50):.1f} / {_percentile(cpu, 95):.1f}", "unit": "ms",
                     "target": "-", "ok": None})
        if db == "postgresql":
            rows.append({"metric": f"{db}: {kind} CPU of the PostgreSQL backend, mean",
                         "value": round(server_ms, 1), "unit": "ms", "target": "-", "ok": None})
        rows.append({"metric": f"{db}: {kind} median count shown", "value":
                     int(statistics.median(hits)), "unit": "docs", "target": "-", "ok": None})
    return rows + _engine_rows(db)


def _engine_rows(db):
    """The public search as a visitor runs it (search.engines, what /search/ and
    /api/search/ call): every type's count and year facet, the merged ranking, the page's
    ten hits loaded with their snippets highlighted -- all queries of all kinds mixed."""
    from portal.scope import AnonymousScopeResolver
    from search.engines import get_engine
    from search.engines.base import SearchParams

    engine, resolver = get_engine(), AnonymousScopeResolver()
    queries = [q for group in QUERIES.values() for q in group]
    for q in queries:  # warm-up, untimed
        engine.search(SearchParams(query=q), resolver)
    timings, cpu = [], []
    for _round in range(ROUNDS):
        for q in queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            outcome = engine.search(SearchParams(query=q), resolver)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            assert outcome.hits or not outcome.count, q
    p95 = _percentile(timings, 95)
    label = "CPU (this process, incl. SQLite)" if db == "sqlite" else "CPU (Django process)"
    return [{"metric": f"{db}: public search (engine, page 1 of hits), p50", "value":
             round(_percentile(timings, 50), 1), "unit": "ms", "target": "-", "ok": None},
            {"metric": f"{db}: public search (engine, page 1 of hits), p95", "value":
             round(p95, 1), "unit": "ms", "target": "<= 100 ms", "ok": p95 <= 100},
            {"metric": f"{db}: public search {label} p50 / p95", "value":
             f"{_percentile(cpu, 50):.1f} / {_percentile(cpu, 95):.1f}", "unit": "ms",
             "target": "-", "ok": None}]


# -- runner entry point --------------------------------------------------------------
def _load():
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def run(scale="full"):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    count = int(os.environ.get("BENCH_SEARCH_DOCS") or SCALES.get(scale, SCALES["smoke"]))
    bulk = count - min(SAMPLE, count)
    started = time.perf_counter()
    paths, analysis_seconds = prepare(bulk) if bulk else ([], 0.0)
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"shards-{os.getpid()}.json"
    path.write_text(json.dumps([str(p) for p in paths]), encoding="utf-8")
    rows = [{"metric": "parallel pre-analysis of the bulk documents (cached)", "value":
             round(analysis_seconds), "unit": "s", "target": "-", "ok": None}]
    chosen = os.environ.get("BENCH_SEARCH_BACKENDS") or ",".join(BACKENDS)
    for db in [name for name in BACKENDS if name in chosen.split(",")]:
        load = _load()
        proc = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.bench_search", "--worker", db, str(count),
             str(path)],
            cwd=ROOT, capture_output=True, text=True, timeout=6 * 3600)
        if proc.returncode != 0:
            raise RuntimeError(f"{db} worker failed:\n{proc.stderr[-3000:]}")
        rows.append({"metric": f"{db}: load average before", "value": load, "unit": "",
                     "target": "-", "ok": None})
        rows.extend(json.loads(proc.stdout.strip().splitlines()[-1]))
    path.unlink(missing_ok=True)
    rows.append({"metric": "whole benchmark", "value": round((time.perf_counter() - started) / 60,
                                                             1), "unit": "min", "target": "-",
                 "ok": None})
    return rows


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2], int(sys.argv[3]), sys.argv[4]), ensure_ascii=False))
    elif len(sys.argv) == 3 and sys.argv[1] == "--prepare":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
        print(prepare(int(sys.argv[2]))[1])
    else:
        for row in run(sys.argv[1] if len(sys.argv) > 1 else "smoke"):
            print(row)
