"""群众评议 under load, on PostgreSQL (its own database, reviews_bench).

1. A campaign with 8 organisations x 5 criteria and paper 评议码, served by gunicorn on
   127.0.0.1; 16 client threads POST complete forms (real captcha check, real CSRF,
   real one-time code) until a fixed number is sent or a time limit passes.
2. Each client then replays used codes: every replay must be refused.
3. The stored responses are recounted (grouped query == row-by-row count == accepted
   submissions; used codes == responses): zero lost, zero double-counted.
4. A second campaign holds 100,000 responses (800,000 ratings, inserted by SQL); the
   统计表 is built from them and timed.

Database work runs in child processes (`python -m tests.benchmarks.bench_reviews PHASE`)
so the runner's own Django settings are left alone.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

TITLE = "群众评议 (reviews plugin)"
COMMAND = ".venv/bin/python -m tests.benchmarks.run reviews"
ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
DB_NAME = os.environ.get("REVIEWS_BENCH_DB", "reviews_bench")
PG_URL = os.environ.get("REVIEWS_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
CLIENTS = 16
SCALES = {
    "full": {"submissions": 4000, "seconds": 60, "table_responses": 100_000, "replays": 5},
    "smoke": {"submissions": 64, "seconds": 30, "table_responses": 2_000, "replays": 1},
}
WORKERS = int(os.environ.get("REVIEWS_BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("REVIEWS_BENCH_THREADS", "8"))
NOTES = f"""
Setup: 8 target organisations x 5 criteria per response (8 rating rows). The server is
gunicorn on 127.0.0.1 with the test settings on PostgreSQL, {WORKERS} gthread workers x
{THREADS} threads (one process per core; the threads overlap the database round trips).
Clients are 16 threads in the benchmark process, each with one keep-alive socket; before
the clock starts each fetches the form (CSRF cookie, warm workers) and encodes its
requests as raw HTTP/1.1 bytes, so the load generator costs little of the two cores.
Each request is still a complete submission through the normal path: 40 answers, a
category, a one-time 评议码, a captcha answer (challenges are created in advance in the
captcha table, each answered once) and the CSRF token; the server runs the size check,
the rate limit (raised for the run), the CSRF check, the captcha check, the code claim and
the inserts, and commits once. Throughput counts the main phase; the replays of used codes
follow it. The 统计表 time is `build_statistics()` (one GROUP BY over the ratings, the
respondents per category, the assembly), median of three runs after one warm-up.
The machine is shared with other engineers' work: see the load average row.
"""


def _env():
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"{PG_URL}/{DB_NAME}",
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "PORTAL_PLUGINS": "reviews",
        "REVIEWS_SUBMIT_RATE": "1000000/m",
    })
    return env


def _cpu_seconds(match):
    """CPU seconds used so far by the processes whose command line satisfies `match`."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if match(cmdline):
            fields = stat[stat.rindex(")") + 2:].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _server_cpu(port):
    """(gunicorn, PostgreSQL) CPU seconds so far: this server's processes, and the database
    backends serving the benchmark's database (not other users' sessions)."""
    return (_cpu_seconds(lambda cmd: "gunicorn" in cmd and f"127.0.0.1:{port} " in cmd),
            _cpu_seconds(lambda cmd: cmd.startswith("postgres:") and f" {DB_NAME} " in cmd))


def _phase(name, *args):
    out = subprocess.run([PYTHON, "-m", "tests.benchmarks.bench_reviews", name, *map(str, args)],
                         cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(f"phase {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port):
    proc = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--worker-class", "gthread",
         "--threads", str(THREADS), "--log-level", "warning",
         "--config", "python:tests.benchmarks.gunicorn_warm"],
        cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/reviews/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start: " + proc.stderr.read().decode()[-2000:])


class Client(threading.Thread):
    """One client: a keep-alive socket, its requests prebuilt as raw HTTP/1.1 bytes.

    The load generator shares the server's two cores, so it is kept cheap: before the clock
    starts each client opens its connection, GETs the form (the CSRF cookie, and a warm
    server) and encodes all its POSTs; while timed it only writes bytes and reads the
    status line, headers and body. Every POST is a complete submission through the normal
    path: all answers, a category, a 评议码, a captcha answer and the CSRF token.
    """

    def __init__(self, port, path, fields, jobs, replays, deadline):
        super().__init__(daemon=True)
        self.port, self.path, self.fields = port, path, fields
        self.jobs, self.replays, self.deadline = jobs, replays, deadline
        self.accepted, self.failed, self.refused, self.replay_accepted = 0, [], 0, 0
        self.latencies = []
        self.used = []
        self.start_gate = None
        self.sock, self.buffer = None, b""

    # -- raw HTTP ------------------------------------------------------------------------
    def _open(self):
        if self.sock is not None:
            self.sock.close()
        self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def _read_response(self):
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the server")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = [tuple(x.strip() for x in line.split(":", 1)) for line in lines[1:]]
        length = next((int(v) for k, v in headers if k.lower() == "content-length"), 0)
        while len(self.buffer) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the server")
            self.buffer += chunk
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        if any(k.lower() == "connection" and v.lower() == "close" for k, v in headers):
            self.sock.close()
            self.sock = None
        return status, headers, body

    def _exchange(self, raw):
        for attempt in range(2):
            try:
                if self.sock is None:
                    self._open()
                self.sock.sendall(raw)
                return self._read_response()
            except OSError:
                if attempt:
                    raise
                self.sock = None  # a keep-alive connection the server closed: once more

    def prepare(self):
        """Outside the clock: connect, fetch the form and its CSRF cookie, encode the POSTs."""
        self._open()
        host = f"127.0.0.1:{self.port}"
        status, headers, body = self._exchange(
            f"GET {self.path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        assert status == 200 and b'name="code"' in body, status
        cookie = next(v for k, v in headers if k.lower() == "set-cookie" and "csrftoken=" in v)
        self.csrf = cookie.split("csrftoken=", 1)[1].split(";", 1)[0]
        self.posts = [(code, self._build(code, captcha)) for code, captcha in self.jobs]

    def _build(self, code, captcha):
        data = dict(self.fields, code=code, category="public", captcha_0=captcha[0],
                    captcha_1=captcha[1], csrfmiddlewaretoken=self.csrf)
        body = urllib.parse.urlencode(data).encode()
        head = (f"POST {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\nCookie: csrftoken={self.csrf}\r\n"
                f"Referer: http://127.0.0.1:{self.port}{self.path}\r\n\r\n")
        return head.encode() + body

    def _post(self, raw):
        start = time.perf_counter()
        status = self._exchange(raw)[0]
        self.latencies.append(time.perf_counter() - start)
        return status

    def run(self):
        if self.start_gate is not None:
            self.start_gate.wait()
        for code, raw in self.posts:
            if time.time() > self.deadline:
                break
            status = self._post(raw)
            if status == 302:
                self.accepted += 1
                self.used.append(code)
            else:
                self.failed.append(status)
        # Replays: codes this client has just used, each with a fresh captcha.
        for code, captcha in zip(self.used, self.replays, strict=False):
            status = self._post(self._build(code, captcha))
            if status == 409:
                self.refused += 1
            elif status == 302:
                self.replay_accepted += 1


def run(scale="full"):
    cfg = SCALES[scale]
    load_before = os.getloadavg()[0]
    setup = _phase("setup", cfg["submissions"], CLIENTS * cfg["replays"], cfg["table_responses"])
    codes, captchas = setup["codes"], [tuple(c) for c in setup["captchas"]]
    replays = captchas[cfg["submissions"]:]
    port = _free_port()
    server = _start_server(port)
    try:
        per = cfg["submissions"] // CLIENTS
        clients = [Client(port, setup["path"], setup["fields"],
                          list(zip(codes[i * per:(i + 1) * per],
                                   captchas[i * per:(i + 1) * per], strict=True)),
                          replays[i * cfg["replays"]:(i + 1) * cfg["replays"]], 0)
                   for i in range(CLIENTS)]
        gate = threading.Barrier(CLIENTS + 1)
        for c in clients:
            c.prepare()
            c.start_gate = gate
            c.start()
        deadline = time.time() + cfg["seconds"]
        for c in clients:
            c.deadline = deadline
        cpu_before = _server_cpu(port)
        gate.wait()
        start = time.perf_counter()
        for c in clients:
            c.join(timeout=cfg["seconds"] + 120)
        load_seconds = time.perf_counter() - start
        cpu_after = _server_cpu(port)
    finally:
        server.terminate()
        server.wait(timeout=30)

    accepted = sum(c.accepted for c in clients)
    failed = [s for c in clients for s in c.failed]
    replays_sent = sum(min(len(c.used), len(c.replays)) for c in clients)
    refused = sum(c.refused for c in clients)
    replay_accepted = sum(c.replay_accepted for c in clients)
    # Throughput over the main phase only: the replays are few and also timed by latency.
    latencies = sorted(x for c in clients for x in c.latencies)
    main_requests = accepted + len(failed)
    rate = main_requests / load_seconds if load_seconds else 0
    counts = _phase("recount", setup["campaign"])
    table = _phase("table", setup["table_campaign"])

    lost = max(0, accepted - counts["responses"])
    double = max(0, counts["responses"] - accepted) + replay_accepted
    consistent = counts["consistent"] and counts["used_codes"] == counts["responses"] \
        and counts["ratings"] == counts["responses"] * setup["targets"]
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0
    sent = main_requests + sum(c.refused + c.replay_accepted for c in clients)
    app_cpu, db_cpu = (after - before for after, before in zip(cpu_after, cpu_before, strict=True))
    return [
        {"metric": "machine load average at start (1 min, all processes)",
         "value": round(load_before, 1), "unit": "", "target": "-", "ok": None},
        {"metric": f"submissions/s, {CLIENTS} clients ({main_requests} sent)",
         "value": round(rate, 1), "unit": "/s", "target": ">= 200", "ok": rate >= 200},
        {"metric": "accepted responses", "value": accepted, "unit": "",
         "target": f"{main_requests} (all sent)", "ok": not failed},
        {"metric": "submission latency p95", "value": round(p95, 1), "unit": "ms",
         "target": "-", "ok": None},
        {"metric": "CPU per submission: gunicorn (Django) + PostgreSQL",
         "value": f"{app_cpu / sent * 1000:.1f} + {db_cpu / sent * 1000:.1f}", "unit": "ms",
         "target": "-", "ok": None},
        {"metric": "machine load average at the end (1 min)",
         "value": round(os.getloadavg()[0], 1), "unit": "", "target": "-", "ok": None},
        {"metric": "lost responses (recount)", "value": lost, "unit": "", "target": "0",
         "ok": lost == 0 and consistent},
        {"metric": f"double-counted ({replays_sent} replays of used codes, {refused} refused)",
         "value": double, "unit": "", "target": "0",
         "ok": double == 0 and refused == replays_sent},
        {"metric": f"统计表 over {table['responses']:,} responses ({table['ratings']:,} ratings)",
         "value": round(table["seconds"], 3), "unit": "s", "target": "< 1 s",
         "ok": table["seconds"] < 1 and table["responses"] == cfg["table_responses"]},
    ]


# -- child-process phases ---------------------------------------------------------------------
def _django():
    import django

    django.setup()


def _recreate_database():
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def phase_setup(submissions, replays, table_responses):
    _recreate_database()
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=_env(),
                   check=True)
    _django()
    import datetime as dt

    from captcha.models import CaptchaStore
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    from pages.models import BranchPage
    from plugins.reviews.constants import MODE_CODE
    from plugins.reviews.models import Campaign, CampaignTarget, EvaluationCode

    root = Page.objects.get(depth=1)
    parent = root.get_children().first() or root
    orgs = []
    for i in range(8):
        org = BranchPage(title=f"压测第{i + 1}党支部", slug=f"bench-branch-{i + 1}", member_count=20)
        parent.add_child(instance=org)
        orgs.append(org)
    now = timezone.now()

    def campaign(slug, opens, closes):
        c = Campaign(title=f"压测评议{slug}", slug=slug, period="压测", public_mode=MODE_CODE,
                     opens_at=now + dt.timedelta(days=opens), closes_at=now + dt.timedelta(days=closes))
        for i, org in enumerate(orgs):
            c.targets.add(CampaignTarget(organisation=org, sort_order=i))
        c.save()
        return Campaign.objects.prefetch_related("targets", "criteria").get(pk=c.pk)

    live = campaign("bench", -1, 30)
    EvaluationCode.generate_batch(live, submissions)
    codes = list(EvaluationCode.objects.filter(campaign=live).values_list("code", flat=True))
    captchas = []
    for _ in range(submissions + replays):
        key = CaptchaStore.generate_key()
        captchas.append(key)
    answers = dict(CaptchaStore.objects.filter(hashkey__in=captchas)
                   .values_list("hashkey", "response"))
    fields = {f"r-{t.pk}-{c.pk}": str(1 + (t.pk + c.pk) % 4)
              for t in live.targets.all() for c in live.criteria_for(t.kind)}

    table = campaign("bench-table", -30, -1)
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO reviews_response (campaign_id, category, channel, respondent_key, submitted_at)
            SELECT %s, (ARRAY['member','public','client'])[1 + g %% 3], 'device', md5(g::text), now()
            FROM generate_series(1, %s) AS g""", [table.pk, table_responses])
        cursor.execute("""
            INSERT INTO reviews_rating (response_id, campaign_id, category, target_id, levels)
            SELECT r.id, r.campaign_id, r.category, t.id,
                   chr(49 + floor(random() * 4)::int) || chr(49 + floor(random() * 4)::int)
                   || chr(49 + floor(random() * 4)::int) || chr(49 + floor(random() * 4)::int)
                   || chr(49 + floor(random() * 4)::int)
            FROM reviews_response r JOIN reviews_campaigntarget t ON t.campaign_id = r.campaign_id
            WHERE r.campaign_id = %s""", [table.pk])
        cursor.execute("ANALYZE reviews_response")
        cursor.execute("ANALYZE reviews_rating")
    return {"campaign": live.pk, "table_campaign": table.pk, "path": f"/reviews/{live.slug}/",
            "codes": codes, "captchas": [(k, answers[k]) for k in captchas], "fields": fields,
            "targets": len(orgs)}


def phase_recount(campaign_id):
    _django()
    from plugins.reviews.models import Campaign, EvaluationCode, Rating, Response
    from plugins.reviews.tallies import grouped_counts, recount
    from plugins.reviews.verify import verify_campaign

    campaign = Campaign.objects.prefetch_related("targets", "criteria").get(pk=campaign_id)
    return {
        "responses": Response.objects.filter(campaign=campaign).count(),
        "ratings": Rating.objects.filter(campaign=campaign).count(),
        "used_codes": EvaluationCode.objects.filter(campaign=campaign).exclude(used_at=None).count(),
        "consistent": grouped_counts(campaign) == recount(campaign) and not verify_campaign(campaign),
    }


def phase_table(campaign_id):
    _django()
    import statistics

    from plugins.reviews.models import Campaign, Rating
    from plugins.reviews.tallies import build_statistics

    campaign = Campaign.objects.prefetch_related("targets", "criteria").get(pk=campaign_id)
    build_statistics(campaign)  # warm-up
    times, stats = [], None
    for _ in range(3):
        start = time.perf_counter()
        stats = build_statistics(campaign)
        times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times), "responses": stats.respondents,
            "ratings": Rating.objects.filter(campaign=campaign).count()}


if __name__ == "__main__":
    phase, *args = sys.argv[1:]
    result = {"setup": phase_setup, "recount": phase_recount, "table": phase_table}[phase](
        *map(int, args))
    print(json.dumps(result, ensure_ascii=False))
