"""Throughput of each page type against a minimal Django view, served by gunicorn.

One run: a temp SQLite database with the demo site plus generated notices, static files
collected by the production storage (WhiteNoise, compressed and hashed), then gunicorn
(2 workers, production settings, 127.0.0.1 only) twice -- page cache on, page cache off.
In each server run a bounded load generator (Python threads; count- and time-bounded;
stops by itself) loads the minimal view and then each page type; a page's figure is its
requests/s as a share of the minimal view's in the same server run, with p95 latency.

Before the load, a worker counts the queries of each page type (page cache off) on the
demo site and again after the generated notices are added: the counts must not grow.

A logged-in member's pages (home, 栏目, notice), which no shared cache may serve, are
loaded with a real session cookie (a demo member's session row, as logging in makes it)
on their own gunicorn (2 workers, production settings, page cache on): once on the demo
site, before the notices are added, and once after, each against the minimal view.

Alone: python -m tests.benchmarks.run throughput
Worker: python -m tests.benchmarks.bench_throughput --worker prepare|queries DIR
"""

import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

TITLE = "Throughput under load (gunicorn, production settings, page cache on and off)"
COMMAND = "python -m tests.benchmarks.run throughput"
ROOT = Path(__file__).resolve().parent.parent.parent
SCALES = {
    # duration (s) and request cap per page type; generated notices; client threads
    "full": {"seconds": 6.0, "requests": 6000, "notices": 10_000, "threads": 6},
    "smoke": {"seconds": 0.5, "requests": 10, "notices": 30, "threads": 2},
}
CACHED_TARGET, UNCACHED_TARGET = 0.50, 0.10
MEMBER_TARGET, MEMBER_AIM = 0.06, 0.10  # issue 19: >= 6% of the minimal view, 10% the aim
MEMBER_PAGES = ("home", "section", "notice")
MEMBER = "member1"  # a demo member of 第一党支部 (pages/demo/organisations.py)
WARM_UP = 8
NOTES = """
Ratios compare each page with `/bench/minimal/` (a view returning "ok" through the
full middleware stack, never cached) served by the same gunicorn and measured just
before that page, so they hold up better than absolute figures on a busy machine.
Each load is 6 client threads on fresh loopback connections (raw sockets, gunicorn's
sync workers close each one), at most 6,000 requests or 6 seconds. The database is
SQLite with persistent connections (`DATABASE_CONN_MAX_AGE=600`) holding the demo
site plus 10,000 generated (and indexed) notices in one 栏目. "cached" means anonymous
requests answered by the page cache (caching/); "uncached" means the page cache is
off and every request runs the view and renders the page -- the path of members,
editors and forms. Such a page reads its data afresh, except what `{% cache %}` keeps
under the page-cache generation and the requester's audience: navigation and footer, the
home page's core listings and the bundled plugins' panels, a 栏目's listing, a notice's
text, view count and neighbours (docs/caching.md). The load generator runs on the
same 2 cores as the server (it is Python, so it costs CPU too); absolute requests/s are
therefore lower than wrk would report. The load average above the table says how
busy the machine was.
Query counts are for an anonymous visitor with the page cache off: "demo" is the demo
site, "+N" the same site after N generated notices were added to one 栏目.
"search" repeats one query; "search-cold" is the search page at `/bench/search-cold/`
(a bench-only address) loaded with a different term on every request: it cycles through
40 domain terms (`SEARCH_TERMS`, 2-4 characters from search/dictionary/party_terms.txt)
whose hits are the demo site's notices, cases, organisations and plugin items and, for
some terms, the generated notices; its query count is that of 党支部. Every search runs
its counts, ranking, loading and highlighting on each request (nothing is kept).
The generated notices are indexed for search (through the backend, as update_index
would), so the searches count, rank and show hits among them as well.
"member" rows: the demo member `member1` logged in (a session row made by Django's own
login, sent as the `sessionid` cookie), so every request runs the view, the session and
the user's scope; "demo" before the generated notices are added, "+N" after. Each page's
answer is checked to be the member's own (their name in the header, never a page-cache
hit). Their query counts are pinned by tests/pages/test_query_counts.py.
"""

# Terms for the cold search's load: each matches the demo site (docs/search.md).
SEARCH_TERMS = (
    "三会一课 党员大会 支委会 党小组 党课 组织生活 主题党日 民主评议 第一议题 观察员 "
    "党组织 党委 党支部 机关党委 支部书记 委员会 换届 党员 发展党员 党员教育 党费 党务公开 "
    "公开承诺 创先争优 承诺践诺 台账 点评 群众评议 评议 满意 通报 整改 履职 中心工作 党建 "
    "理论学习 志愿服务 机关 联系群众 财政局").split()

PAGE_TYPES = ["home", "section", "notice", "organisation", "search", "search-cold", "plugin"]
# The bench-only view of the search page (throughput_urls.py; see NOTES).
BENCH_ONLY = ("search-cold",)
REFERENCE_ONLY = ()  # page types reported for reference, without a target


# -- helpers shared by parent and workers ----------------------------------------------------
def bench_env(workdir, cache=True):
    # One secret for the whole run: a session made by the prepare worker stays valid.
    secret = workdir / "secret"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(60))
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.throughput_settings",
        "DJANGO_SECRET_KEY": secret.read_text(),
        "INTEGRITY_KEY": "0" * 64,  # the demo's sealed 承诺书 of its members need one
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "PORTAL_VAR_DIR": str(workdir / "var"),
        "PORTAL_MEDIA_ROOT": str(workdir / "media"),
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "PORTAL_PAGE_CACHE": "1" if cache else "0",
        "DATABASE_CONN_MAX_AGE": "600",  # persistent connections, as docs/scaling.md advises
        "REDIS_URL": "",
        "ELASTICSEARCH_URL": "",
        "LOG_LEVEL": "ERROR",
    })
    env.pop("PYTHONSTARTUP", None)
    return env


def _worker(step, workdir, env, timeout=1800):
    subprocess.run([sys.executable, "-m", "tests.benchmarks.bench_throughput", "--worker", step,
                    str(workdir)], cwd=ROOT, env=env, check=True, timeout=timeout)


# -- load generation -------------------------------------------------------------------------
def fetch(port, request_bytes):
    """One GET over a fresh loopback connection (gunicorn's sync workers close it).

    A raw socket rather than urllib: the generator shares the CPU with the server,
    so it should spend as little of it as it can. Returns the status code.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request_bytes)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    head = b"".join(chunks[:1])[:12]
    return int(head[9:12]) if head.startswith(b"HTTP/1.") else 0


def load(port, paths, seconds, max_requests, threads, cookie=""):
    """GET `paths` (one path, or a list taken in turn) from `threads` threads until
    `max_requests` or `seconds`, sending `cookie` if given; loopback only."""
    paths = [paths] if isinstance(paths, str) else list(paths)
    cookie = f"Cookie: {cookie}\r\n" if cookie else ""
    requests = [(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{cookie}"
                 "Connection: close\r\nAccept-Encoding: identity\r\n\r\n").encode()
                for path in paths]
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(max_requests))

    def client():
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
                if n is None:
                    return
            start = time.perf_counter()
            try:
                ok = fetch(port, requests[n % len(requests)]) == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1

    started = time.perf_counter()
    pool = [threading.Thread(target=client, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(seconds + 15)
    wall = time.perf_counter() - started
    p95 = statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 20 else (
        max(latencies) if latencies else float("nan"))
    return {"rps": len(latencies) / wall if wall else 0.0, "p95_ms": p95 * 1000,
            "ok": len(latencies), "errors": errors[0]}


def free_port():
    """BENCH_THROUGHPUT_PORT if set (each server is stopped before the next starts), else
    any free loopback port."""
    if os.environ.get("BENCH_THROUGHPUT_PORT"):
        return int(os.environ["BENCH_THROUGHPUT_PORT"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    def __init__(self, env, workers=2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--workers",
             str(workers), "--bind", f"127.0.0.1:{self.port}", "--log-level", "error",
             "--timeout", "60"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def __enter__(self):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gunicorn exited: " + self.proc.stderr.read().decode()[-2000:])
            try:
                with urllib.request.urlopen(self.base + "/bench/minimal/", timeout=5) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("gunicorn did not start within 120 s")

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)

    def get(self, path, cookie=""):
        request = urllib.request.Request(self.base + path,
                                         headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()


def measure_server(env, urls, cfg):
    """Minimal view then each page type on one gunicorn; returns {name: result}."""
    results, minimal_runs = {}, []
    # The cold search asks a different term each time (see NOTES and SEARCH_TERMS).
    rotation = {name: [f"/bench/{name}/?q=" + urllib.parse.quote(term) for term in SEARCH_TERMS]
                for name in BENCH_ONLY}
    with Gunicorn(env) as server:
        for name, path in urls.items():
            if name in BENCH_ONLY and env.get("PORTAL_PAGE_CACHE") == "1":
                continue  # a bench-only address the page cache never serves
            for target in ("/bench/minimal/", path):
                status, headers, _ = server.get(target)  # warm both workers (and the cache)
                for _ in range(WARM_UP):
                    server.get(target)
                if status != 200:
                    raise RuntimeError(f"{target} answered {status}")
            # The minimal view is measured right before each page, so a change in the
            # machine's load (it is shared) moves both figures of a ratio alike.
            minimal = load(server.port, "/bench/minimal/", cfg["seconds"], cfg["requests"],
                           cfg["threads"])
            minimal_runs.append(minimal)
            result = load(server.port, rotation.get(name, path), cfg["seconds"],
                          cfg["requests"], cfg["threads"])
            result["cache"] = server.get(path)[1].get("X-Portal-Cache", "-")
            result["minimal_rps"] = minimal["rps"]
            results[name] = result
        results["minimal"] = {
            "rps": statistics.median(m["rps"] for m in minimal_runs),
            "p95_ms": statistics.median(m["p95_ms"] for m in minimal_runs),
        }
        # WhiteNoise: a hashed, compressed static file with a far-future lifetime.
        body = server.get(urls["home"])[2].decode()
        css = body.split('href="/static/css/portal.', 1)[1].split('"', 1)[0]
        req = urllib.request.Request(server.base + "/static/css/portal." + css,
                                     headers={"Accept-Encoding": "gzip, br"})
        with urllib.request.urlopen(req, timeout=10) as r:
            results["_static"] = {"name": "portal." + css, "encoding": r.headers.get(
                "Content-Encoding", ""), "cache_control": r.headers.get("Cache-Control", "")}
    return results


def measure_member(env, urls, member, cfg):
    """The minimal view, then each member page with the member's session, on one gunicorn."""
    cookie = f"sessionid={member['session']}"
    results = {}
    with Gunicorn(env) as server:
        for name in MEMBER_PAGES:
            path = urls[name]
            for _ in range(WARM_UP):
                server.get("/bench/minimal/")
                status, headers, body = server.get(path, cookie)
            # The member's own page: their name in the header, never the anonymous copy.
            if status != 200 or headers.get("X-Portal-Cache") == "hit" or \
                    member["name"] not in body.decode():
                raise RuntimeError(f"{path} with a session is not the member's page")
            minimal = load(server.port, "/bench/minimal/", cfg["seconds"], cfg["requests"],
                           cfg["threads"])
            result = load(server.port, path, cfg["seconds"], cfg["requests"], cfg["threads"],
                          cookie=cookie)
            result["cache"] = headers.get("X-Portal-Cache", "-")
            result["minimal_rps"] = minimal["rps"]
            results[name] = result
    return results


# -- the benchmark -----------------------------------------------------------------------------
def run(scale="full"):
    cfg = dict(SCALES[scale])
    cfg["notices"] = int(os.environ.get("BENCH_THROUGHPUT_NOTICES", cfg["notices"]))
    workdir = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    try:
        tiny = {"BENCH_TINY": "1" if scale == "smoke" else "0"}
        # migrate, site (with the demo accounts), static files, URLs, the member's session
        _worker("prepare", workdir, bench_env(workdir) | tiny | {"PORTAL_DEMO_ACCOUNTS": "1"})
        urls = json.loads((workdir / "urls.json").read_text())
        member = json.loads((workdir / "member.json").read_text())
        members = {"demo": measure_member(bench_env(workdir), urls, member, cfg)}
        _worker("queries", workdir, bench_env(workdir, cache=False) | {
            "BENCH_NOTICES": str(cfg["notices"])})
        queries = json.loads((workdir / "queries.json").read_text())
        members["bulk"] = measure_member(bench_env(workdir), urls, member, cfg)
        cached = measure_server(bench_env(workdir, cache=True), urls, cfg)
        uncached = measure_server(bench_env(workdir, cache=False), urls, cfg)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return rows(urls, queries, cached, uncached, cfg) + member_rows(urls, members, cfg)


def member_rows(urls, members, cfg):
    out = []
    for size, label in (("demo", "demo"), ("bulk", f"+{cfg['notices']:,} notices")):
        for name, r in members[size].items():
            ratio = r["rps"] / r["minimal_rps"] if r["minimal_rps"] else 0.0
            out.append({
                "page": name, "mode": f"member {size}", "errors": r["errors"],
                "requests": r["ok"], "cache": r["cache"],
                "metric": f"{name} member, {label} ({urls[name]})",
                "value": f"{ratio:.1%} of minimal ({r['rps']:.0f} vs {r['minimal_rps']:.0f} "
                         f"req/s, p95 {r['p95_ms']:.1f} ms, {r['errors']} errors)",
                "unit": "", "target": f">= {MEMBER_TARGET:.0%} (aim {MEMBER_AIM:.0%})",
                "ok": ratio >= MEMBER_TARGET and r["errors"] == 0,
            })
    return out


def rows(urls, queries, cached, uncached, cfg):
    out = []
    for label, res in (("cached", cached), ("uncached", uncached)):
        m = res["minimal"]
        out.append({"metric": f"minimal view ({label} run, median of runs)",
                    "value": f"{m['rps']:.0f} req/s, p95 {m['p95_ms']:.1f} ms", "unit": "",
                    "target": "baseline", "ok": None})
    for name in urls:
        for label, res, target in (("cached", cached, CACHED_TARGET),
                                   ("uncached", uncached, UNCACHED_TARGET)):
            if name not in res:
                continue
            r = res[name]
            base = r["minimal_rps"]
            ratio = r["rps"] / base if base else 0.0
            state_ok = (r["cache"] == "hit") if label == "cached" else True
            reference = name in REFERENCE_ONLY
            out.append({
                "page": name, "mode": label, "errors": r["errors"], "requests": r["ok"],
                "cache": r["cache"],
                "metric": f"{name} {label} ({urls[name]})",
                "value": f"{ratio:.0%} of minimal ({r['rps']:.0f} vs {base:.0f} req/s, "
                         f"p95 {r['p95_ms']:.1f} ms, {r['errors']} errors, cache {r['cache']})",
                "unit": "", "target": "reference" if reference else f">= {target:.0%}",
                "ok": None if reference else ratio >= target and r["errors"] == 0 and state_ok,
            })
    for name, counts in queries.items():
        small, big = counts["demo"], counts["bulk"]
        out.append({"page": name, "mode": "queries", "metric": f"queries {name}", "value": f"{small} (demo) / {big} "
                    f"(+{cfg['notices']:,} notices)", "unit": "", "target": "no growth",
                    "ok": big <= small})
    static = cached["_static"]
    out.append({"page": "static", "mode": "static", "metric": "static file (WhiteNoise)",
                "value": f"{static['name']}, {static['encoding'] or 'identity'}, "
                         f"{static['cache_control']}", "unit": "",
                "target": "hashed, compressed, max-age", "ok": bool(
                    static["encoding"] in ("gzip", "br") and "max-age=" in static["cache_control"]
                    and static["name"].count(".") >= 2)})
    return out


# -- workers (run in their own process with the bench settings) -------------------------------
def worker_prepare(workdir):
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from wagtail.models import Page

    from pages.models import BranchPage, NoticePage, SectionPage

    call_command("migrate", interactive=False, verbosity=0)
    if os.environ.get("BENCH_TINY") == "1":
        from tests.conftest import build_site
        from tests.factories import member_of

        site = build_site()  # the test suite's small tree: two 栏目, three notices, three branches
        member_of(site.branch1, username=MEMBER, first_name="钱晓峰")
    else:
        call_command("load_demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    notice = NoticePage.objects.live().public().order_by("-date").first()
    section = Page.objects.get(pk=notice.get_parent().pk).specific
    assert isinstance(section, SectionPage)
    branch = BranchPage.objects.live().public().order_by("-depth").first()
    urls = {
        "home": "/",
        "section": section.url,
        "notice": notice.url,
        "organisation": branch.url,
        "search": "/search/?q=%E5%85%9A%E6%94%AF%E9%83%A8",  # 党支部
        # The same search under the bench-only address whose load varies the term.
        "search-cold": "/bench/search-cold/?q=%E5%85%9A%E6%94%AF%E9%83%A8",
    }
    plugin = plugin_page(Client(HTTP_HOST="127.0.0.1"))
    if plugin:
        urls["plugin"] = plugin
    (workdir / "urls.json").write_text(json.dumps(urls))
    (workdir / "section.json").write_text(json.dumps({"id": section.pk}))
    # A real session row for the member, made by Django's login as the login view makes it.
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.get(username=MEMBER)
    logged_in = Client(HTTP_HOST="127.0.0.1")
    logged_in.force_login(member)
    (workdir / "member.json").write_text(json.dumps({
        "session": logged_in.cookies["sessionid"].value, "name": member.get_full_name()}))


def plugin_page(client):
    """The first navigation entry of an enabled plugin that an anonymous visitor can read."""
    from django.urls import NoReverseMatch, reverse

    from portal.plugins import registry

    for plugin in registry.enabled():
        for item in plugin.nav_items:
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            if client.get(url).status_code == 200:
                return url
    return None


def worker_queries(workdir):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    urls = json.loads((workdir / "urls.json").read_text())
    client = Client(HTTP_HOST="127.0.0.1")
    member = Client(HTTP_HOST="127.0.0.1")
    member.force_login(get_user_model().objects.get(username=MEMBER))
    member_urls = {f"{name} (member)": urls[name] for name in MEMBER_PAGES}

    def count(url, client=client):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(ctx.captured_queries)

    counts = {name: {"demo": count(url)} for name, url in urls.items()}
    counts.update({name: {"demo": count(url, member)} for name, url in member_urls.items()})
    from wagtail.models import Page

    section = Page.objects.get(pk=json.loads((workdir / "section.json").read_text())["id"])
    add_notices(section, int(os.environ.get("BENCH_NOTICES", "100")))
    index_notices(section)
    for name, url in urls.items():
        counts[name]["bulk"] = count(url)
    for name, url in member_urls.items():
        counts[name]["bulk"] = count(url, member)
    (workdir / "queries.json").write_text(json.dumps(counts))


def add_notices(section, n, batch=1000):
    """Insert n live notices under `section` directly (tree paths computed here), fast."""
    import datetime
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Page

    from pages.models import ArticlePage, NoticePage

    ct = ContentType.objects.get_for_model(NoticePage)
    section = Page.objects.get(pk=section.pk)
    now = timezone.now()
    start = section.numchild
    article_table, notice_table = ArticlePage._meta.db_table, NoticePage._meta.db_table
    qn = connection.ops.quote_name
    with transaction.atomic():
        for offset in range(0, n, batch):
            chunk = range(offset, min(n, offset + batch))
            pages = Page.objects.bulk_create([
                Page(title=f"关于做好第{i}批党员教育培训工作的通知", draft_title="批量通知",
                     slug=f"bulk-notice-{i}", content_type=ct, live=True,
                     path=Page._get_path(section.path, section.depth + 1, start + i + 1),
                     depth=section.depth + 1, numchild=0,
                     url_path=f"{section.url_path}bulk-notice-{i}/", locale_id=section.locale_id,
                     first_published_at=now, last_published_at=now)
                for i in chunk
            ])
            day = datetime.date(2020, 1, 1)
            with connection.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {qn(article_table)} (page_ptr_id, date, summary) "
                    "VALUES (%s, %s, %s)",
                    [(p.pk, day + datetime.timedelta(days=i % 1500), "批量生成的通知。")
                     for i, p in zip(chunk, pages, strict=True)])
                body = json.dumps([{"type": "paragraph", "value": "<p>各党支部：请认真组织学习。</p>",
                                    "id": str(uuid.uuid4())}], ensure_ascii=False)
                cur.executemany(
                    f"INSERT INTO {qn(notice_table)} (articlepage_ptr_id, index_number, category,"
                    " issuing_authority, document_number, addressee, source, keywords, validity,"
                    " body, signature) VALUES (%s, %s, 'education', '机关党委', '', '各党支部',"
                    " '本网', '', 'valid', %s, '')",
                    [(p.pk, f"BENCH/{i:06d}", body) for i, p in zip(chunk, pages, strict=True)])
        Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + n)


def index_notices(section, batch=500):
    """Index the generated notices through the search backend, as update_index would, so
    the search pages rank, count and show hits among them too."""
    from wagtail.search.backends import get_search_backend

    from pages.models import NoticePage

    backend = get_search_backend()
    notices = NoticePage.objects.child_of(section).filter(slug__startswith="bulk-notice-")
    pks = list(notices.order_by("pk").values_list("pk", flat=True))
    for offset in range(0, len(pks), batch):
        backend.add_bulk(NoticePage, list(NoticePage.objects.filter(
            pk__in=pks[offset:offset + batch]).order_by("pk")))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(ROOT))
        {"prepare": worker_prepare, "queries": worker_queries}[sys.argv[2]](Path(sys.argv[3]))
    else:
        print(__doc__)
