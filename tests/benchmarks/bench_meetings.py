"""三会一课: the 机关党委 compliance dashboard over 200 organisations and five years of records.

Builds its own throw-away database (plugin_site.py), fills it, then times
GET /meetings/overview/ as a member of the 机关党委 (who sees every branch), with the
cached overview and with the data changed before every request, and the 机关党委's
organisation page and XLSX export.
"""

import datetime as dt
import os
import random
import statistics
import time

from tests.benchmarks.plugin_site import (
    engine,
    p95,
    setup_django,
    site_with_branches,
    throwaway_database,
)

TITLE = "三会一课：机关党委合规看板（200个党组织，五年记录）"
COMMAND = ".venv/bin/python -m tests.benchmarks.run meetings"
NOTES = """
The overview is cached per data version: any save of a record, rule, observer group,
evaluation or organisation replaces the version, so the first request after a change
recomputes it. Both figures are shown; the "recomputed" rows are the worst case (the
version is replaced before every request).
A recompute reads the pre-aggregated monthly counts (`MonthlyCount`: one row of twelve
numbers per organisation, year and meeting type, rewritten from the records of that
organisation and year whenever one of them is saved, updated or deleted), about 1,400 rows
for 200 organisations, and does the calendar arithmetic in Python; the table is rendered
in Python. The 机关党委's page draws its table of 200 branches the same way, cached per
data version too. The XLSX export reads records with `values_list` into a write-only
workbook.
Wall-clock figures include waiting for a CPU on a shared machine (see the load average);
the CPU-time rows show the work one request costs this process.
Records are bulk-inserted without versions (the hash chain is not read by the dashboard);
bulk_create keeps the monthly counts as save() does, which is part of the set-up time.
"""

SCALES = {
    "full": {"organisations": 200, "years": 5, "requests": 40},
    "smoke": {"organisations": 5, "years": 1, "requests": 3},
}


def _build(organisations, years, today):
    from plugins.meetings.compliance import period_spans
    from plugins.meetings.models import FrequencyRule, MeetingRecord
    from tests.factories import member_of

    tree, branches = site_with_branches(organisations)
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
                            recorder="组织委员", content="会议内容。", created_at=at))
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


def run(scale="full"):
    setup_django()
    from django.test import Client
    from django.utils import timezone

    from caching.signals import invalidate as bump

    params = SCALES[scale]
    n = params["requests"]
    with throwaway_database("meetings_bench"):
        today = timezone.localdate()
        start = time.perf_counter()
        tree, viewer, records = _build(params["organisations"], params["years"], today)
        setup_s = time.perf_counter() - start
        client = Client()
        client.force_login(viewer)
        url = f"/meetings/overview/?year={today.year}"
        overview = _time(client, url, n)
        fresh_cpu, past_cpu, org_cpu = [], [], []
        fresh = _time(client, url, n, before=bump, cpu=fresh_cpu)
        past = _time(client, f"/meetings/overview/?year={today.year - 1}", n, before=bump,
                     cpu=past_cpu)
        org_url = f"/meetings/org/{tree.committee.pk}/?year={today.year}"
        committee = _time(client, org_url, max(3, n // 2))
        committee_fresh = _time(client, org_url, max(3, n // 2), before=bump, cpu=org_cpu)
        baseline = _time(client, "/member/", max(3, n // 2))
        client.get(f"/meetings/export.xlsx?year={today.year}")  # warm up
        start, start_cpu = time.perf_counter(), time.process_time()
        export = client.get(f"/meetings/export.xlsx?year={today.year}")
        export_ms = (time.perf_counter() - start) * 1000
        export_cpu = (time.process_time() - start_cpu) * 1000
        assert export.status_code == 200
        body = client.get(f"/meetings/overview/?year={today.year}").content.decode()
        assert f"第{params['organisations']}党支部" in body or params["organisations"] < 3
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else "-"

    def ms(metric, samples, target="-"):
        value = round(p95(samples), 1)
        ok = value <= 200 if target != "-" else None
        return {"metric": metric, "value": value, "unit": "ms", "target": target, "ok": ok}

    return [
        {"metric": "data", "value": f"{params['organisations']} organisations, "
         f"{records} records over {params['years']} years ({engine()})", "unit": "",
         "target": "-", "ok": None},
        {"metric": "overview (this year) p50", "value": round(statistics.median(overview), 1),
         "unit": "ms", "target": "-", "ok": None},
        ms("overview (this year) p95", overview, "<= 200 ms"),
        ms("overview (this year) p95, recomputed: data changed before every request", fresh,
           "<= 200 ms"),
        ms("overview (this year) recomputed: CPU time p95 (this process only)", fresh_cpu),
        ms("overview (last year) p95, recomputed", past, "<= 200 ms"),
        ms("overview (last year) recomputed: CPU time p95 (this process only)", past_cpu),
        ms("机关党委 organisation page p95", committee),
        ms("机关党委 organisation page p95, recomputed", committee_fresh),
        ms("机关党委 organisation page recomputed: CPU time p95", org_cpu),
        ms("baseline: member centre page p95 (same middleware, no plugin work)", baseline),
        {"metric": "XLSX export (this year)", "value": round(export_ms, 1), "unit": "ms",
         "target": "-", "ok": None},
        {"metric": "XLSX export CPU time (this process only)", "value": round(export_cpu, 1),
         "unit": "ms", "target": "-", "ok": None},
        {"metric": "set-up (site, bulk insert, monthly counts)", "value": round(setup_s, 1),
         "unit": "s", "target": "-", "ok": None},
        {"metric": "load average (1 min) at the end", "value": round(load, 2)
         if isinstance(load, float) else load, "unit": "", "target": "-", "ok": None},
    ]


if __name__ == "__main__":
    import sys

    for row in run(sys.argv[1] if len(sys.argv) > 1 else "full"):
        print(row)
