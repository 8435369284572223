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
NOTES = """
Setup: 8 target organisations x 5 criteria per response (8 rating rows). Clients are
threads in the benchmark process using keep-alive HTTP/1.1; the server is gunicorn
(3 gthread workers x 4 threads) with the test settings on PostgreSQL. Captcha challenges
are created in advance in the captcha table and each is answered once, so the server runs
its normal captcha, CSRF, rate-limit (raised for the run), code-claim and insert path.
The 统计表 time is `build_statistics()` (one GROUP BY over the ratings + assembly),
median of three runs after one warm-up.
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
         "--bind", f"127.0.0.1:{port}", "--workers", "3", "--worker-class", "gthread",
         "--threads", "4", "--log-level", "warning"],
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
    def __init__(self, port, path, fields, jobs, replays, deadline):
        super().__init__(daemon=True)
        self.port, self.path, self.fields = port, path, fields
        self.jobs, self.replays, self.deadline = jobs, replays, deadline
        self.accepted, self.failed, self.refused, self.replay_accepted = 0, [], 0, 0
        self.latencies = []
        self.used = []

    def _connect(self):
        self.conn = HTTPConnection("127.0.0.1", self.port, timeout=30)
        self.conn.request("GET", self.path)
        response = self.conn.getresponse()
        body = response.read().decode()
        cookie = response.getheader("Set-Cookie", "")
        self.csrf = cookie.split("csrftoken=", 1)[1].split(";", 1)[0]
        assert 'name="code"' in body

    def _post(self, code, captcha):
        data = dict(self.fields, code=code, category="public", captcha_0=captcha[0],
                    captcha_1=captcha[1], csrfmiddlewaretoken=self.csrf)
        body = urllib.parse.urlencode(data)
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Cookie": f"csrftoken={self.csrf}", "Referer": f"http://127.0.0.1:{self.port}/"}
        start = time.perf_counter()
        for attempt in range(2):
            try:
                self.conn.request("POST", self.path, body=body, headers=headers)
                response = self.conn.getresponse()
                response.read()
                break
            except OSError:
                if attempt:
                    raise
                self.conn = HTTPConnection("127.0.0.1", self.port, timeout=30)
        self.latencies.append(time.perf_counter() - start)
        return response.status

    def run(self):
        self._connect()
        for code, captcha in self.jobs:
            if time.time() > self.deadline:
                break
            status = self._post(code, captcha)
            if status == 302:
                self.accepted += 1
                self.used.append(code)
            else:
                self.failed.append(status)
        for code, captcha in zip(self.used, self.replays, strict=False):
            status = self._post(code, captcha)
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
        deadline = time.time() + cfg["seconds"]
        clients = [Client(port, setup["path"], setup["fields"],
                          list(zip(codes[i * per:(i + 1) * per],
                                   captchas[i * per:(i + 1) * per], strict=True)),
                          replays[i * cfg["replays"]:(i + 1) * cfg["replays"]], deadline)
                   for i in range(CLIENTS)]
        start = time.perf_counter()
        for c in clients:
            c.start()
        for c in clients:
            c.join(timeout=cfg["seconds"] + 120)
        load_seconds = time.perf_counter() - start
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
    return [
        {"metric": "machine load average at start (1 min, all processes)",
         "value": round(load_before, 1), "unit": "", "target": "-", "ok": None},
        {"metric": f"submissions/s, {CLIENTS} clients ({main_requests} sent)",
         "value": round(rate, 1), "unit": "/s", "target": ">= 200", "ok": rate >= 200},
        {"metric": "accepted responses", "value": accepted, "unit": "",
         "target": f"{main_requests} (all sent)", "ok": not failed},
        {"metric": "submission latency p95", "value": round(p95, 1), "unit": "ms",
         "target": "-", "ok": None},
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
