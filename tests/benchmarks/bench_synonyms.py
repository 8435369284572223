"""What normalisation and synonyms cost: indexing analysis rate and query time, with and
without them, on the same documents and queries in one run.

A worker subprocess (Django set up fresh, a throw-away SQLite database, plugins off):

1. Indexing analysis: the index text of N generated documents (bench_search's generator,
   about 1,500 characters each, a tenth of them written in Traditional characters) as the
   indexer makes it (search.analysis.index_text over title and body), three ways,
   taking turns every CHUNK documents: as shipped; without the Traditional → Simplified
   fold (a separator table that keeps every character as it is); and without any
   normalisation (no NFKC, no case fold, no separator table: the text split at spaces
   only). ROUNDS rounds after a warm-up, in CPU time (the machine is shared).
2. Query time: the N documents as BranchPages, indexed through the backend's add_items;
   then the public search path (search.engines.synonyms.search: the engine's one search,
   exact matches first, and the synonyms it also searched) for queries that hold a synonym term and for queries that hold none, with the shipped
   synonym list and with expansion off (without_synonyms). One untimed warm-up round,
   then QUERY_ROUNDS rounds, alternating the two ways query by query; wall-clock and CPU time.
3. With ELASTICSEARCH_URL set: the same documents in an index of their own on that node
   (prefix bench_syn_, dropped afterwards) and the same queries through the Elasticsearch
   engine: synonym_graph (or, on a node without the synonyms API, the Python expansion it
   falls back to, also one search; the row says which) against none.

Alone: python -m tests.benchmarks.run synonyms
Worker: python -m tests.benchmarks.bench_synonyms --worker 1000
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Normalisation and synonyms: cost in indexing rate and query time"
COMMAND = "python -m tests.benchmarks.run synonyms"
SCALES = {"full": 500, "smoke": 60}
ROUNDS = 3  # analysis rounds
QUERY_ROUNDS = 10  # 80 samples per row: a p95 less at the mercy of one slow search
CHUNK = 25  # documents analysed one way before the next way's turn
INDEX_COST_TARGET = 0.10  # of the indexing analysis rate
QUERY_COST_TARGET_MS = 5.0  # of p95 query time
SYNONYM_QUERIES = ["交纳党费", "民主评议会", "党员发展", "主题党日方案", "支委会", "谈话谈心",
                   "换届选举", "组织生活会 整改"]
PLAIN_QUERIES = ["三会一课", "承诺践诺", "党小组 履职", "群众评议", "台账", "整改 落实",
                 "志愿服务", "党课"]
ROOT = Path(__file__).resolve().parent.parent.parent
NOTES = """
**Indexing.** The Traditional fold is part of normalise()'s single str.translate (a
per-character table look-up it makes anyway for separators), so switching it off changes
the table's contents, not the work: its cost is expected to be within the noise. "No
normalisation" drops NFKC, the case fold and the separator table as well; that is what
all of normalisation costs. The rate is analysis only (no database), the part these
steps touch; bench_search reports the full indexing rate.

**Queries.** "with synonyms" is what a reader gets: for a query holding a synonym term the
database engine makes one search (the query ORed with its variants: counted in the same
statements as without synonyms, ranked with the query as typed first and the matches
through a variant alone read only when those do not fill the page; until commit f2451da
it made two or three searches: expanded, exact, fill, and until 2026-12-07 each ranking
statement graded every match with an IN over the exact match and sorted them all);
Elasticsearch with its synonym_graph analyzer makes one search. The cost is the
difference of the p95 figures (and of the p50), measured in the same run, alternating
query by query. The queries without a synonym term measure what the look-up for synonym
terms adds to every other query. On a shared machine (load average far above its core
count) one p95 of 80 samples is the fifth-slowest search and mostly measures the load:
read the CPU rows and the p50 differences beside it. Without a synonym term the work
added is a look-up of the query's text in the list (microseconds) and a re-read of the
list once a minute.

**Elasticsearch.** On a cluster with the synonyms API the rows say "synonym_graph": one
search, with the synonym clause inside it. The local node of `make elasticsearch` (the
integ-test distribution) has no synonyms API and no synonym_graph filter, so there the
rows measure the Python expansion the engine falls back to: one search too, exact matches
first through two constant-score tier clauses (until 2026-12-07 it made two or
three searches: expanded, exact, fill).

**Goals (issue 22: ≤ 10% of indexing rate, ≤ 5 ms of p95 query time).** Indexing is met
in every run: the Traditional fold costs nothing measurable (without it the Traditional
tenth of the documents reaches jieba unfolded and falls into its slower unknown-word
path), and all normalisation together costs under 10%. Every engine now makes one search
per query. On Elasticsearch (Python expansion) a synonym term costs 1-3 ms of CPU at p95;
its wall-clock rows also carry the node's own work on the same two cores and swing more
(-1.6 to 9.6 ms over six runs on 2026-12-07). On SQLite, since the query as typed is
ranked on its own pass (2026-12-07), a query whose variant adds few hits costs about
1-2 ms more; what is left is the wider result: 民主评议会 matches 2 documents as typed
and 355 with 民主评议, so its page has 10 cards instead of 2 and costs about what a
search for 民主评议 itself costs. Six quiet runs on 2026-12-07 (load about 1, three at
40 samples a row, three at 80) gave 2.5, 3.5, 1.4, 5.1, 3.0 and 2.7 ms at p95 (the last
is the run above; 1.5-4.3 ms at p50), against 3.7-8.4 ms before. Queries without a synonym term cost under 1.5 ms at p95.
"""


def _percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(pct / 100 * (len(values) - 1))))]


def _documents(count):
    from search.analysis.script import simplified_table
    from tests.benchmarks.bench_search import make_doc

    traditional = {v: k for k, v in simplified_table().items()}
    docs = []
    for i in range(count):
        title, body = make_doc(i)
        if i % 10 == 0:  # a tenth written in Traditional characters
            title, body = title.translate(traditional), body.translate(traditional)
        docs.append((title, body))
    return docs


def _analysis_rates(docs):
    """{way: documents per CPU second} for the indexer's analysis over ROUNDS rounds."""
    import importlib

    normalise_module = importlib.import_module("search.analysis.normalise")
    tokens = importlib.import_module("search.analysis.tokens")

    shipped_table = normalise_module._TABLE

    class NoFold(dict):
        def __missing__(self, code):
            import unicodedata

            value = code if unicodedata.category(chr(code))[0] in ("L", "N") else 32
            self[code] = value
            return value

    no_fold = NoFold()

    def bare(text):
        return " ".join(text.split()) if text else ""

    ways = {"shipped": (shipped_table, normalise_module.normalise),
            "without the Traditional fold": (no_fold, normalise_module.normalise),
            "without any normalisation": (shipped_table, bare)}
    spent = dict.fromkeys(ways, 0.0)
    original = tokens.normalise
    try:
        for _round in range(ROUNDS + 1):  # the first round warms the tables and jieba
            # the three ways take turns every CHUNK documents, so load changes hit them alike
            for offset in range(0, len(docs), CHUNK):
                for way, (table, function) in ways.items():
                    normalise_module._TABLE = table
                    tokens.normalise = function
                    started = time.process_time()  # CPU time: the machine is shared
                    for title, body in docs[offset:offset + CHUNK]:
                        tokens.index_text(title)
                        tokens.index_text(body)
                    if _round:
                        spent[way] += time.process_time() - started
    finally:
        normalise_module._TABLE = shipped_table
        tokens.normalise = original
    best = {way: ROUNDS * len(docs) / seconds for way, seconds in spent.items()}
    return best


def _time_queries(search, queries):
    """{(kind, way): [(wall ms, CPU ms)]}: each query with synonyms and without,
    alternating. The CPU time is this process's (SQLite runs inside it)."""
    from search.analysis.synonyms import without_synonyms

    times = {}
    for round_number in range(QUERY_ROUNDS + 1):
        for kind, batch in queries.items():
            for query in batch:
                for way in ("with synonyms", "without"):
                    started, cpu = time.perf_counter(), time.process_time()
                    if way == "without":
                        with without_synonyms():
                            search(query)
                    else:
                        search(query)
                    elapsed = ((time.perf_counter() - started) * 1000,
                               (time.process_time() - cpu) * 1000)
                    if round_number:
                        times.setdefault((kind, way), []).append(elapsed)
    return times


def _setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["PORTAL_PLUGINS"] = ""
    path = Path(tempfile.mkdtemp(prefix="bench-synonyms-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return path


def worker(count):
    path = _setup()
    try:
        return _work(count)
    finally:
        path.unlink(missing_ok=True)


def _work(count):
    from django.test.utils import override_settings
    from wagtail.search.backends import get_search_backend

    from pages.models import BranchPage
    from portal.scope import AnonymousScopeResolver
    from search.analysis.segmenter import get_tokenizer
    from search.engines import get_engine
    from search.engines import synonyms as synonym_search
    from search.engines.base import SearchParams
    from tests.benchmarks.bench_search import _insert_pages

    get_tokenizer()
    docs = _documents(count)
    result = {"docs": count, "analysis": _analysis_rates(docs)}
    ids = _insert_pages(docs)
    pages = list(BranchPage.objects.filter(pk__in=ids))
    get_search_backend().get_index_for_model(BranchPage).add_items(BranchPage, pages)
    queries = {"synonym term": SYNONYM_QUERIES, "no synonym term": PLAIN_QUERIES}
    resolver = AnonymousScopeResolver()

    def run(engine):
        def search(query):
            return synonym_search.search(engine, SearchParams(query=query), resolver)
        return search

    result["database"] = _summary(_time_queries(run(get_engine()), queries))
    url = os.environ.get("ELASTICSEARCH_URL")
    if url:
        es = {"default": {"BACKEND": "search.backends.database"},
              "elasticsearch": {"BACKEND": "search.backends.elasticsearch", "URLS": [url],
                                "INDEX_PREFIX": "bench_syn_", "TIMEOUT": 60}}
        engine = {"BACKEND": "search.engines.elasticsearch.ElasticsearchEngine",
                  "OPTIONS": {"BACKEND_NAME": "elasticsearch"}}
        with override_settings(WAGTAILSEARCH_BACKENDS=es, PORTAL_SEARCH_ENGINE=engine):
            backend = get_search_backend("elasticsearch")
            backend.content_index.reset()
            try:
                backend.content_index.add_items(BranchPage, pages)
                backend.content_index.refresh()
                engine_obj = get_engine()
                mechanism = ("synonym_graph" if engine_obj.backend.synonym_graph_ready()
                             else "Python expansion (node without the synonyms API)")
                result["elasticsearch"] = _summary(_time_queries(run(engine_obj), queries))
                result["elasticsearch_mechanism"] = mechanism
            finally:
                backend.drop_all()
    return result


def _summary(times):
    found = {}
    for (kind, way), values in times.items():
        wall, cpu = [v[0] for v in values], [v[1] for v in values]
        found[f"{kind}|{way}"] = {"p50": statistics.median(wall), "p95": _percentile(wall, 95),
                                  "cpu50": statistics.median(cpu),
                                  "cpu95": _percentile(cpu, 95), "n": len(values)}
    return found


def _rows(result):
    rows = []
    rates = result["analysis"]
    shipped = rates["shipped"]
    for way in ("without the Traditional fold", "without any normalisation"):
        cost = 1 - shipped / rates[way]
        rows.append({"metric": f"indexing analysis {way}", "value": f"{rates[way]:.0f}",
                     "unit": "docs/s", "target": "-", "ok": None})
        label = ("Traditional fold" if "Traditional" in way else "all normalisation")
        rows.append({"metric": f"cost of the {label} in indexing rate",
                     "value": f"{cost * 100:.1f}", "unit": "%",
                     "target": f"≤ {INDEX_COST_TARGET * 100:.0f}%",
                     "ok": cost <= INDEX_COST_TARGET})
    rows.insert(0, {"metric": f"indexing analysis as shipped ({result['docs']} documents)",
                    "value": f"{shipped:.0f}", "unit": "docs/s", "target": "-", "ok": None})
    for engine in ("database", "elasticsearch"):
        if engine not in result:
            continue
        label = "SQLite" if engine == "database" else (
            f"Elasticsearch, {result['elasticsearch_mechanism']}")
        figures = result[engine]
        for kind in ("synonym term", "no synonym term"):
            with_, without = figures[f"{kind}|with synonyms"], figures[f"{kind}|without"]
            rows.append({"metric": f"{label}, queries with {kind}: p50 / p95 with synonyms",
                         "value": f"{with_['p50']:.1f} / {with_['p95']:.1f}", "unit": "ms",
                         "target": "-", "ok": None})
            rows.append({"metric": f"{label}, queries with {kind}: p50 / p95 without",
                         "value": f"{without['p50']:.1f} / {without['p95']:.1f}", "unit": "ms",
                         "target": "-", "ok": None})
            cost = with_["p95"] - without["p95"]
            rows.append({"metric": f"{label}, queries with {kind}: synonyms' cost in p95 "
                                   f"(p50), wall clock",
                         "value": f"{cost:.1f} ({with_['p50'] - without['p50']:.1f})",
                         "unit": "ms", "target": f"≤ {QUERY_COST_TARGET_MS:.0f} ms",
                         "ok": cost <= QUERY_COST_TARGET_MS})
            cpu = with_["cpu95"] - without["cpu95"]
            rows.append({"metric": f"{label}, queries with {kind}: synonyms' cost in p95 "
                                   f"(p50), CPU time of the Django process",
                         "value": f"{cpu:.1f} ({with_['cpu50'] - without['cpu50']:.1f})",
                         "unit": "ms", "target": f"≤ {QUERY_COST_TARGET_MS:.0f} ms",
                         "ok": cpu <= QUERY_COST_TARGET_MS})
    return rows


def run(scale="full"):
    count = SCALES[scale]
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-m", "tests.benchmarks.bench_synonyms", "--worker",
                           str(count)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=1800)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return _rows(result)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(worker(int(sys.argv[2]))))
