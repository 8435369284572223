"""The cache generation: a token in every page-cache key; changing it empties the cache.

Invalidation is site-wide: any change the public could see (see caching.signals) moves
the generation on, so every cached page -- the page itself, the home page, its 栏目,
tag pages, the 党务公开目录, feeds, the sitemap, search pages and the search API --
is rendered afresh on its next request. Old entries are never read again and expire.

The generation must be shared by every process that serves pages:
- CacheGeneration keeps it in the page cache itself. Right when that cache is shared
  (Redis: every worker on every machine sees the same token) and for a single process
  (runserver, tests).
- FileGeneration keeps it in a file's identity (inode and mtime). Right for one machine
  whose worker processes each hold a local-memory cache: a change made by any worker is
  seen by all of them on their next request, at the cost of one stat() call.
"""

import hashlib
import os
import tempfile
import time
import uuid
from pathlib import Path

from django.core.cache import cache, caches

from . import conf

GENERATION_KEY = "portal:page-cache:generation"


class CacheGeneration:
    def __init__(self, cache=None):
        self.alias = cache

    @property
    def cache(self):
        return caches[self.alias or conf.get("CACHE")]

    def current(self):
        token = self.cache.get(GENERATION_KEY)
        if token is None:
            # First request, or the entry was evicted: start a new generation.
            self.cache.add(GENERATION_KEY, uuid.uuid4().hex[:12], timeout=None)
            token = self.cache.get(GENERATION_KEY) or "0"
        return token

    def bump(self):
        self.cache.set(GENERATION_KEY, uuid.uuid4().hex[:12], timeout=None)


class FileGeneration:
    def __init__(self, path):
        self.path = Path(path)

    def current(self):
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return "0"
        return f"{st.st_ino:x}.{st.st_mtime_ns:x}"

    def bump(self):
        # A fresh file renamed over the old one: a new inode, so the token changes even
        # when two bumps fall within the file system's timestamp resolution.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".page-cache-")
        with os.fdopen(fd, "w") as fh:
            fh.write(uuid.uuid4().hex)
        now = time.time_ns()  # finer than the kernel's file timestamps
        os.utime(tmp, ns=(now, now))
        os.replace(tmp, self.path)


def current():
    """The page cache's generation now: a key part for anything kept until the next change
    the public could see (`{% cache %}` fragments, a plugin's roll-ups)."""
    return conf.generation_backend().current()


def cached(name, parts, compute):
    """compute(), kept in the default cache until the generation moves on: a roll-up that
    depends only on `parts` (the filter, the date, the viewer's scope...; anything with a
    stable repr), shared by every request that names the same parts."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return cache.get_or_set(f"{name}:{current()}:{digest}", compute, conf.get("TIMEOUT"))
