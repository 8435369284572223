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

from django.db import connection

from . import conf

_lock = threading.Lock()
_state = {"generation": None, "values": {}}
MAX_ENTRIES = 512  # per generation; a site has few restriction/navigation variants


def current_generation():
    try:
        return conf.generation_backend().current()
    except Exception:  # a cache outage: behave as if nothing were kept
        return None


def memoised(name, key, build):
    """build() once per (name, key) and page-cache generation, in this process."""
    if connection.in_atomic_block:
        return build()
    generation = current_generation()
    if generation is None:
        return build()
    entry_key = (name, key)
    values = _state["values"]
    if _state["generation"] == generation and entry_key in values:
        return values[entry_key]
    value = build()
    with _lock:
        if _state["generation"] != generation:
            _state["generation"], _state["values"] = generation, {}
        if len(_state["values"]) < MAX_ENTRIES:
            _state["values"][entry_key] = value
    return value


def clear():
    with _lock:
        _state["generation"], _state["values"] = None, {}
