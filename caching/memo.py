"""Site data kept in process memory until the page cache's generation moves on.

The scope restrictions, the main navigation and similar data are read on every page,
yet change only when something the public could see changes -- exactly the events
that move the page-cache generation on (caching.signals). Keeping them per generation
removes their queries from every uncached page without any extra invalidation rule.

Nothing is kept while the database connection is inside a transaction: rows read
there may be uncommitted, and a rollback does not move the generation on. (Tests run
inside transactions, so they see the uncached path unless they opt out.)
"""

import threading
import time

from django.db import connection

from . import conf

_lock = threading.Lock()
_state = {"generation": None, "values": {}}
# Per name and generation. Names with few keys (restrictions, navigation) never reach
# it; names keyed by page (routes, listings) stop keeping new keys when full, so a
# crawler walking every page cannot push the site-wide entries out.
MAX_ENTRIES = 2000
TTL = 300  # seconds: bounds what a missed signal could leave stale


def current_generation():
    try:
        return conf.generation_backend().current()
    except Exception:  # a cache outage: behave as if nothing were kept
        return None


MISSING = object()


def lookup(name, key):
    """(generation, value): the kept value, or MISSING; generation None keeps nothing."""
    generation = reading_generation()
    return generation, kept(name, (key,), generation).get(key, MISSING)


def reading_generation():
    """The generation that data read from now on belongs to; None: keep nothing.

    For a caller that reads first and looks its keys up later (search hits): fixing the
    generation before the first read means a value kept under it is never mixed with
    rows read after a change."""
    if connection.in_atomic_block:
        return None
    return current_generation()


def kept(name, keys, generation):
    """{key: value} of the values kept for `keys` under `generation` (one pass, no stat)."""
    if generation is None or _state["generation"] != generation:
        return {}
    bucket, now, found = _state["values"].get(name, {}), time.monotonic(), {}
    for key in keys:
        hit = bucket.get(key)
        if hit is not None and hit[0] > now:
            found[key] = hit[1]
    return found


def keep(name, key, value, generation, max_entries=MAX_ENTRIES):
    """Keep `value`, read under `generation` (as returned by lookup before reading it)."""
    if generation is None or connection.in_atomic_block:
        return
    if _state["generation"] != generation and current_generation() != generation:
        return  # something changed while it was read: not worth keeping
    with _lock:
        if _state["generation"] != generation:
            _state["generation"], _state["values"] = generation, {}
        bucket = _state["values"].setdefault(name, {})
        if len(bucket) < max_entries or key in bucket:
            bucket[key] = (time.monotonic() + TTL, value)


def memoised(name, key, build, max_entries=MAX_ENTRIES):
    """build() once per (name, key) and page-cache generation, in this process."""
    generation, value = lookup(name, key)
    if value is MISSING:
        value = build()
        keep(name, key, value, generation, max_entries)
    return value


def clear():
    with _lock:
        _state["generation"], _state["values"] = None, {}
