"""caching.generation.cached: a roll-up computed once per generation and set of key parts."""

from django.core.cache import cache

from caching import generation


def test_kept_until_the_generation_moves_on(page_cache):
    cache.clear()
    calls = []

    def compute():
        calls.append(1)
        return {"n": len(calls)}

    assert generation.cached("t:rollup", (2025, [1, 2]), compute) == {"n": 1}
    assert generation.cached("t:rollup", (2025, [1, 2]), compute) == {"n": 1}
    # Other parts (another year, another scope) or another name: a separate entry.
    assert generation.cached("t:rollup", (2024, [1, 2]), compute) == {"n": 2}
    assert generation.cached("t:other", (2025, [1, 2]), compute) == {"n": 3}
    generation.CacheGeneration().bump()
    assert generation.cached("t:rollup", (2025, [1, 2]), compute) == {"n": 4}
    cache.clear()
