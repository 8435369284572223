"""The throughput benchmark's harness runs end to end on a tiny site.

Correctness only: gunicorn starts with the production settings, every page type
answers 200 under the load generator, the cached run is served from the page cache,
query counts do not grow, static files come hashed and compressed, and a logged-in
member's pages answer with the member's own page (checked by the harness) without errors. No timings
are asserted (they belong in docs/benchmarks.md).
"""

from tests.benchmarks import bench_throughput


def test_throughput_harness_on_a_tiny_site():
    rows = bench_throughput.run(scale="smoke")
    by_key = {(r.get("page"), r.get("mode")): r for r in rows}
    for page in ("home", "section", "notice", "organisation", "search"):
        for mode in ("cached", "uncached"):
            row = by_key[(page, mode)]
            assert row["errors"] == 0, row
            assert row["requests"] > 0, row
        assert by_key[(page, "cached")]["cache"] == "hit"
        assert by_key[(page, "uncached")]["cache"] == "-"  # the page cache was off
        assert by_key[(page, "queries")]["ok"], by_key[(page, "queries")]
    for page in bench_throughput.BENCH_ONLY:  # the cold searches: uncached only
        row = by_key[(page, "uncached")]
        assert row["errors"] == 0 and row["requests"] > 0, row
        assert (page, "cached") not in by_key
        assert by_key[(page, "queries")]["ok"], by_key[(page, "queries")]
    assert by_key[("static", "static")]["ok"], by_key[("static", "static")]
    for page in bench_throughput.MEMBER_PAGES:
        for mode in ("member demo", "member bulk"):
            row = by_key[(page, mode)]
            assert row["errors"] == 0 and row["requests"] > 0, row
            assert row["cache"] != "hit", row
        assert by_key[(f"{page} (member)", "queries")]["ok"]
    assert any(r["metric"].startswith("minimal view") for r in rows)
