"""承诺践诺: the public ledger page and the 台账 XLSX export over 10,000 承诺事项.

Sets up Django and its own throw-away database (SQLite in memory, or with a
PostgreSQL DATABASE_URL a database named commitments_bench), fills it, then
times GET /commitments/ (unfiltered and filtered) and the XLSX export of every
row, with the export's peak Python memory traced separately. Requests are made
as a logged-in party member: that bypasses the anonymous page cache (so every
request renders) and applies the widest scope filter (党内 and 本组织).
"""

import datetime as dt
import random
import statistics
import time
import tracemalloc

from tests.benchmarks.plugin_site import (
    engine,
    p95,
    setup_django,
    site_with_branches,
    throwaway_database,
)

TITLE = "承诺践诺：台账页面与XLSX导出（10,000项承诺事项）"
COMMAND = ".venv/bin/python -m tests.benchmarks.run commitments"
NOTES = """
The ledger page shows 50 items a page, read with `values()` (no page or user model is built per
row). All its roll-ups (per organisation, per period, per status, the total and the paginator's
count) come from one aggregate query grouped by organisation × period × effective status; the
result, with the SVG charts drawn from it, is cached for 60 s under a key made of the filter and
the viewer's resolved scope, and any write to the plugin's models moves the cache version on.
The timed requests after the warm-up therefore measure the cached roll-ups; the first request
of a filter pays the aggregate (about 20 ms of SQL over 10,000 items).
Wall-clock figures include waiting for a CPU on a shared machine; the CPU-time row shows the
work one request costs this process, which is what a quiet server would see.
The export streams `values()` rows (chunks of 2,000) into openpyxl's write-only workbook, written
to a temporary file, so memory stays flat as rows grow; the peak is measured with tracemalloc in
a separate run (tracing slows the run it measures).
"""

SCALES = {
    "full": {"organisations": 100, "items_per_pledge": 50, "requests": 40},
    "smoke": {"organisations": 3, "items_per_pledge": 4, "requests": 3},
}


def _build(organisations, per_pledge, today):
    from django.utils import timezone

    from plugins.commitments.choices import (
        CATEGORIES,
        DONE,
        FAILED,
        IN_PROGRESS,
        NOT_STARTED,
        ORGANISATION_PLEDGE,
    )
    from plugins.commitments.models import CommitmentItem, Period, Pledge
    from tests.factories import member_of

    tree, branches = site_with_branches(organisations)
    viewer = member_of(tree.branch1, username="bench-member", first_name="党员")
    year = today.year
    periods = []
    for half in (1, 2):
        period = Period.for_half(year, half)
        period.save()
        periods.append(period)
    now = timezone.now()
    # Mixed scopes, all within the benchmark member's reach (she is in branch 1).
    pledges = Pledge.objects.bulk_create([
        Pledge(period=p, kind=ORGANISATION_PLEDGE, organisation=b, state="approved",
               published_revision=1, published_at=now,
               scope="organisation" if b == tree.branch1 else ("party" if n % 4 == 1 else "public"))
        for p in periods for n, b in enumerate(branches)])
    rng = random.Random(2026)
    categories = [c for c, _ in CATEGORIES]
    items = []
    for pledge in pledges:
        period = pledge.period
        span = (period.end_date - period.start_date).days
        for k in range(per_pledge):
            status = rng.choice([NOT_STARTED, IN_PROGRESS, IN_PROGRESS, DONE, DONE, FAILED])
            progress = {NOT_STARTED: 0, DONE: 100}.get(status, rng.choice([20, 50, 80]))
            items.append(CommitmentItem(
                pledge=pledge, position=k + 1, content=f"承诺事项{pledge.pk}-{k + 1}：为群众办实事",
                category=rng.choice(categories), measures="设立党员示范岗，落实首问负责制，按月通报进展",
                deadline=period.start_date + dt.timedelta(days=rng.randint(0, span)),
                responsible="书记", weight=rng.randint(1, 3), status=status, progress=progress))
    CommitmentItem.objects.bulk_create(items, batch_size=2000)
    return viewer, periods, len(items)


CPU = {}


def _time(client, url, n):
    """Wall-clock samples (ms); the CPU time of the same requests is kept in CPU[url]."""
    for _ in range(3):
        client.get(url)
    samples, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    CPU[url] = cpu
    return samples


def _time_uncached(client, url, n):
    """As _time, but with the roll-up cache emptied before each request."""
    from django.core.cache import cache

    samples = []
    for _ in range(n):
        cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return samples


def _export(client):
    response = client.get("/commitments/export.xlsx")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def run(scale="full"):
    setup_django()
    from django.test import Client
    from django.utils import timezone

    params = SCALES[scale]
    with throwaway_database("commitments_bench"):
        today = timezone.localdate()
        viewer, periods, count = _build(params["organisations"], params["items_per_pledge"],
                                        today)
        client = Client()
        client.force_login(viewer)
        ledger = _time(client, "/commitments/", params["requests"])
        filtered = _time(client, f"/commitments/?period={periods[0].pk}&overdue=1&kind=organisation",
                         params["requests"])
        last_page = _time(client, "/commitments/?page=200", max(3, params["requests"] // 4))
        uncached = _time_uncached(client, "/commitments/", max(3, params["requests"] // 2))
        body = client.get("/commitments/").content.decode()
        assert f"共 {count} 项" in body

        _export(client)  # warm up
        start, start_cpu = time.perf_counter(), time.process_time()
        data = _export(client)
        export_s = time.perf_counter() - start
        export_cpu = time.process_time() - start_cpu
        tracemalloc.start()
        _export(client)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data), read_only=True).active
        rows = sum(1 for _ in sheet.iter_rows(min_row=3, values_only=True))
        assert rows == count, (rows, count)
    ledger_p95 = p95(ledger)
    peak_mb = peak / 1024 / 1024
    return [
        {"metric": "data", "value": f"{count} items in {len(periods) * params['organisations']} "
         f"承诺书, {params['organisations']} organisations ({engine()})", "unit": "",
         "target": "-", "ok": None},
        {"metric": "ledger page p50", "value": round(statistics.median(ledger), 1), "unit": "ms",
         "target": "-", "ok": None},
        {"metric": "ledger page p95", "value": round(ledger_p95, 1), "unit": "ms",
         "target": "<= 100 ms", "ok": ledger_p95 <= 100},
        {"metric": "ledger page CPU time p95 (this process only)",
         "value": round(p95(CPU["/commitments/"]), 1), "unit": "ms", "target": "-",
         "ok": None},
        {"metric": "ledger filtered (period + overdue + kind) p95",
         "value": round(p95(filtered), 1), "unit": "ms", "target": "<= 100 ms",
         "ok": p95(filtered) <= 100},
        {"metric": "ledger page p95, roll-ups not cached (every request aggregates)",
         "value": round(p95(uncached), 1), "unit": "ms", "target": "-", "ok": None},
        {"metric": "ledger last page p95", "value": round(p95(last_page), 1), "unit": "ms",
         "target": "-", "ok": None},
        {"metric": f"XLSX export ({count} rows)", "value": round(export_s, 2), "unit": "s",
         "target": "< 3 s", "ok": export_s < 3},
        {"metric": "XLSX export CPU time (this process only)", "value": round(export_cpu, 2),
         "unit": "s", "target": "-", "ok": None},
        {"metric": "XLSX export peak Python memory (tracemalloc)", "value": round(peak_mb, 1),
         "unit": "MB", "target": "< 200 MB", "ok": peak_mb < 200},
        {"metric": "XLSX file size", "value": round(len(data) / 1024, 0), "unit": "KiB",
         "target": "-", "ok": None},
    ]


if __name__ == "__main__":
    import sys

    for row in run(sys.argv[1] if len(sys.argv) > 1 else "full"):
        print(row)
