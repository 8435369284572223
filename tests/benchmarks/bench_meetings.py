"""三会一课: the 机关党委 compliance dashboard over 200 organisations and five years of records.

Sets up Django and its own throw-away database (SQLite in memory, or with a
PostgreSQL DATABASE_URL a database named meetings_bench), fills it, then times
GET /meetings/overview/ as a member of the 机关党委 (who sees every branch).
"""

import datetime as dt
import os
import random
import statistics
import time

TITLE = "三会一课：机关党委合规看板（200个党组织，五年记录）"
COMMAND = ".venv/bin/python -m tests.benchmarks.run meetings"
NOTES = """
The overview is cached per data version: any save of a record, rule, observer group,
evaluation or organisation replaces the version, so the first request after a change
recomputes it. Both figures are shown; the "recomputed" rows are the worst case.
The dashboard counts a year's records of every organisation with one aggregate query
(a row per organisation and type, a column per month, on the stored local year/month with
the `(held_year, organisation)` index) and does the calendar arithmetic in Python.
The machine is shared with other developers' test runs, so absolute figures vary.
Records are bulk-inserted without versions: the hash chain is not read by the dashboard.
"""

SCALES = {
    "full": {"organisations": 200, "years": 5, "requests": 40},
    "smoke": {"organisations": 5, "years": 1, "requests": 3},
}


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()


def _create_database():
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        db.setdefault("TEST", {})["NAME"] = "meetings_bench"
    old_name = db["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return old_name


def _build(organisations, years, today):
    from plugins.meetings.compliance import period_spans
    from plugins.meetings.models import FrequencyRule, MeetingRecord
    from tests.conftest import build_site
    from tests.factories import BranchPageFactory, member_of

    tree = build_site()
    branches = [tree.branch1, tree.branch2]
    for n in range(organisations - len(branches)):
        branches.append(BranchPageFactory(parent=tree.committee, title=f"第{n + 3}党支部",
                                          slug=f"bench-branch-{n + 3}"))
    FrequencyRule.objects.ensure_defaults()
    rules = list(FrequencyRule.objects.all())
    rng = random.Random(2026)
    tz = dt.timezone(dt.timedelta(hours=8))
    batch = []
    for branch in branches:
        for year in range(today.year - years + 1, today.year + 1):
            for rule in rules:
                for _label, start, end, _months in period_spans(rule.period, year):
                    for k in range(rule.min_count):
                        if rng.random() < 0.06:  # gaps, so there are overdue items
                            continue
                        day = start + dt.timedelta(days=min(5 + 7 * k, (end - start).days))
                        if day >= today:
                            continue
                        at = dt.datetime.combine(day, dt.time(9 + k % 6, 30), tzinfo=tz)
                        batch.append(MeetingRecord(
                            organisation=branch, meeting_type=rule.meeting_type,
                            topic=f"{rule.get_meeting_type_display()}{day:%Y%m%d}", start=at,
                            end=at + dt.timedelta(hours=1), place="党员活动室", host="书记",
                            recorder="组织委员", content="会议内容。", created_at=at,
                            held_year=day.year, held_month=day.month))
    MeetingRecord.objects.bulk_create(batch, batch_size=2000)
    viewer = member_of(tree.committee, username="bench-dangwei", first_name="机关党委")
    return tree, viewer, len(batch)


def _time(client, url, n, before=None, cpu=None):
    """Wall-clock milliseconds per request; CPU milliseconds of this process go into `cpu`."""
    for _ in range(3):
        client.get(url)
    samples = []
    for _ in range(n):
        if before:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return samples


def _p95(samples):
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def run(scale="full"):
    _setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    params = SCALES[scale]
    old_name = _create_database()
    try:
        today = timezone.localdate()
        tree, viewer, records = _build(params["organisations"], params["years"], today)
        client = Client()
        client.force_login(viewer)
        from plugins.meetings.dashboard_cache import bump

        url = f"/meetings/overview/?year={today.year}"
        overview = _time(client, url, params["requests"])
        fresh_cpu = []
        fresh = _time(client, url, params["requests"], before=bump, cpu=fresh_cpu)
        past = _time(client, f"/meetings/overview/?year={today.year - 1}", params["requests"],
                     before=bump)
        committee = _time(client, f"/meetings/org/{tree.committee.pk}/?year={today.year}",
                          max(3, params["requests"] // 4))
        baseline = _time(client, "/member/", max(3, params["requests"] // 4))
        start = time.perf_counter()
        export = client.get(f"/meetings/export.xlsx?year={today.year}")
        export_ms = (time.perf_counter() - start) * 1000
        assert export.status_code == 200
        body = client.get(f"/meetings/overview/?year={today.year}").content.decode()
        assert f"第{params['organisations']}党支部" in body or params["organisations"] < 3
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else "-"
    p95 = _p95(overview)
    return [
        {"metric": "data", "value": f"{params['organisations']} organisations, "
         f"{records} records over {params['years']} years ({engine})", "unit": "",
         "target": "-", "ok": None},
        {"metric": "overview (this year) p50", "value": round(statistics.median(overview), 1),
         "unit": "ms", "target": "-", "ok": None},
        {"metric": "overview (this year) p95", "value": round(p95, 1), "unit": "ms",
         "target": "<= 200 ms", "ok": p95 <= 200},
        {"metric": "overview (this year) p95, recomputed: data changed before every request",
         "value": round(_p95(fresh), 1), "unit": "ms", "target": "<= 200 ms",
         "ok": _p95(fresh) <= 200},
        {"metric": "overview recomputed: CPU time p95 (this process only)",
         "value": round(_p95(fresh_cpu), 1), "unit": "ms", "target": "-", "ok": None},
        {"metric": "overview (last year) p95, recomputed", "value": round(_p95(past), 1),
         "unit": "ms", "target": "<= 200 ms", "ok": _p95(past) <= 200},
        {"metric": "机关党委 organisation page p95", "value": round(_p95(committee), 1),
         "unit": "ms", "target": "-", "ok": None},
        {"metric": "baseline: member centre page p95 (same middleware, no plugin work)",
         "value": round(_p95(baseline), 1), "unit": "ms", "target": "-", "ok": None},
        {"metric": "XLSX export (this year)", "value": round(export_ms, 1), "unit": "ms",
         "target": "-", "ok": None},
        {"metric": "load average (1 min) at the end", "value": round(load, 2)
         if isinstance(load, float) else load, "unit": "", "target": "-", "ok": None},
    ]


if __name__ == "__main__":
    import sys

    for row in run(sys.argv[1] if len(sys.argv) > 1 else "full"):
        print(row)
