"""Throughput through the front cache (Varnish) and through the portal's own page cache.

One run: a temporary SQLite database with the demo site (tests/frontcache/stack.py), one
gunicorn (2 workers, production settings, page cache on, no Redis: local memory and the
file generation, as one machine runs it) and Varnish from deploy/varnish/ in front of it,
all on 127.0.0.1. For each page (home, a notice) the bounded load generator of
bench_throughput (raw sockets, fresh connections, count- and time-bounded) loads the
minimal Django view on gunicorn, then the page through Varnish, then the page on
gunicorn directly (answered by the portal's page cache), then the minimal view again.
Figures are ratios to the faster of the two minimal-view runs, on the same gunicorn.

Skipped (reported, not failed) when varnishd is not installed: scripts/frontcache.sh install.
Alone: python -m tests.benchmarks.run frontcache
"""

import shutil
import tempfile
from pathlib import Path

TITLE = "Front cache (Varnish) and page cache against a minimal view"
COMMAND = "python -m tests.benchmarks.run frontcache"
SCALES = {
    "full": {"seconds": 6.0, "requests": 20000, "threads": 6},
    "smoke": {"seconds": 0.5, "requests": 20, "threads": 2},
}
FRONT_TARGET, PAGE_CACHE_TARGET = 8.0, 0.80
NOTES = """
"front cache" is an anonymous request answered by Varnish (X-Front-Cache: hit) in front of
the same gunicorn that serves the minimal view, on kept-alive connections (as browsers use a
front cache; gunicorn's sync workers close every connection, so the minimal view and the
page cache are loaded on fresh ones; the "fresh connections" row is Varnish loaded the same
way, for reference); "page cache" is the same request sent to
gunicorn directly and answered by the portal's own page cache (X-Portal-Cache: hit). The
load generator is Python on the same 2 cores as the servers, so the front cache's figure is
bounded by the generator as much as by Varnish: compare ratios, not absolute figures.
The load average above the table says how busy the machine was.
A page-cache hit costs the same whatever the page: the middleware answers it right after
WhiteNoise (no session, no database) from one cache read, and a notice's entry (8.5 KB) is
smaller than the home page's (21 KB). In-process, with Django's test client (one process,
1,000 hits each, page cache on, demo site): minimal view 333-355 us of CPU a request,
home hit 193 us, notice hit 184 us. An earlier run's 74% for the notice (home 147%) was
taken at load average 12.9 with the notice measured after the home page: on this shared
machine a minute's change in load moves one ratio by that much; the run above has both
pages at or near the minimal view.
"""


def run(scale="full"):
    from tests.benchmarks.bench_throughput import load
    from tests.frontcache import stack

    cfg = SCALES[scale]
    if not stack.varnishd():
        return [{"metric": "front cache", "value": "skipped: varnishd is not installed "
                 "(scripts/frontcache.sh install)", "unit": "", "target": "-", "ok": None}]
    workdir = Path(tempfile.mkdtemp(prefix="bench-frontcache-"))
    rows, servers = [], []
    try:
        info, _ = stack.build(workdir, "", demo=scale == "full")
        proxy_port, app_port = stack.free_ports(2)
        env = stack.stack_env(workdir, "", f"http://127.0.0.1:{proxy_port}")
        app = stack.Gunicorn(env, app_port, workers=2, logfile=workdir / "app.log")
        servers.append(app)
        proxy = stack.Varnish(proxy_port, app_port, workdir)
        servers.append(proxy)
        for name in ("home", "notice"):
            path = info[name]
            for port in (app_port, proxy_port, app_port):
                load(port, path, 2, 4, 1)  # warm both workers, the page cache and Varnish
            load(app_port, "/bench/minimal/", 2, 4, 2)
            minimal = load(app_port, "/bench/minimal/", cfg["seconds"], cfg["requests"],
                           cfg["threads"])
            front = keepalive_load(proxy_port, path, cfg["seconds"], cfg["requests"],
                                   cfg["threads"])
            fresh = load(proxy_port, path, cfg["seconds"], cfg["requests"], cfg["threads"])
            page_cache = load(app_port, path, cfg["seconds"], cfg["requests"], cfg["threads"])
            # The machine is shared: measure the minimal view again after the page and
            # compare with the faster of the two runs, so a quiet spell cannot flatter a ratio.
            minimal_after = load(app_port, "/bench/minimal/", cfg["seconds"], cfg["requests"],
                                 cfg["threads"])
            if minimal_after["rps"] > minimal["rps"]:
                minimal = minimal_after
            front_state = _header(proxy.base + path, "X-Front-Cache")
            cache_state = _header(app.base + path, "X-Portal-Cache")
            for label, result, target, state in (
                    ("front cache", front, FRONT_TARGET, front_state),
                    ("page cache", page_cache, PAGE_CACHE_TARGET, cache_state)):
                rows.append(_row(name, label, path, result, minimal, target, state))
            rows.append(_row(name, "front cache, fresh connections", path, fresh, minimal, None,
                             front_state))
    finally:
        for server in reversed(servers):
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


def _row(name, label, path, result, minimal, target, state):
    ratio = result["rps"] / minimal["rps"] if minimal["rps"] else 0.0
    if target is None:
        target_text, ok = "reference", None
    else:
        target_text = f">= {target:g}x" if target >= 1 else f">= {target:.0%}"
        ok = ratio >= target and result["errors"] == 0 and state == "hit"
    return {
        "page": name, "mode": label, "errors": result["errors"], "requests": result["ok"],
        "cache": state, "metric": f"{name} through the {label} ({path})",
        "value": f"{ratio:.2f}x minimal ({result['rps']:.0f} vs {minimal['rps']:.0f} req/s, "
                 f"p95 {result['p95_ms']:.1f} ms, {result['errors']} errors, {state})",
        "unit": "", "target": target_text, "ok": ok,
    }


def keepalive_load(port, path, seconds, max_requests, threads):
    """Like bench_throughput.load, but each client thread keeps its connection open (as a
    browser does with a front cache); loopback only, count- and time-bounded."""
    import socket
    import statistics
    import threading
    import time

    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               "Accept-Encoding: identity\r\n\r\n").encode()
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(max_requests))

    def one(sock, buffer):
        sock.sendall(request)
        while b"\r\n\r\n" not in buffer:
            chunk = sock.recv(65536)
            if not chunk:
                raise OSError("closed")
            buffer += chunk
        head, _, rest = buffer.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise OSError("closed")
            rest += chunk
        return int(head[9:12]), rest[length:]

    def client():
        sock, buffer = None, b""
        while time.monotonic() < deadline:
            with lock:
                if next(counter, None) is None:
                    break
            start = time.perf_counter()
            try:
                if sock is None:
                    sock, buffer = socket.create_connection(("127.0.0.1", port), timeout=10), b""
                status, buffer = one(sock, buffer)
                ok = status == 200
            except OSError:
                ok, sock = False, None
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
        if sock is not None:
            sock.close()

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


def _header(url, name):
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as response:
        return response.headers.get(name, "-")
