"""The 机关党委 overview's figures, kept until the page-cache generation moves on.

The overview is read far more often than records are entered. Every write of a record,
rule, observer group, evaluation or organisation moves the generation on
(caching.signals), and so do the bulk writes that recount MonthlyCount (counts.py).
"""

import hashlib

from django.core.cache import cache

from caching.generation import current as page_cache_generation

TIMEOUT = 15 * 60


def cached(name, parts, compute):
    """compute() once per generation and key parts (year, today, organisations...)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return cache.get_or_set(f"meetings:{name}:{page_cache_generation()}:{digest}",
                            compute, TIMEOUT)
