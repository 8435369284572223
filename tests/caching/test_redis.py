"""The shared caches on a real Redis (CI's PostgreSQL run sets REDIS_URL): the page cache
and its generation are seen by every app server, and rate limits count in Redis."""

import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited
from django_redis import get_redis_connection

from caching.generation import GENERATION_KEY
from caching.middleware import HEADER

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="REDIS_URL is not set: the Redis cache tests run in CI's PostgreSQL run "
           "(make services starts Redis on 127.0.0.1:6379)")


def test_both_caches_are_redis():
    for alias in ("default", "pages"):
        assert settings.CACHES[alias]["BACKEND"] == "django_redis.cache.RedisCache"
        assert settings.CACHES[alias]["LOCATION"] == os.environ["REDIS_URL"]


def test_pages_and_generation_live_in_redis(client, site_tree, page_cache):
    raw = get_redis_connection("pages")
    assert client.get("/").get(HEADER) == "miss"
    assert client.get("/").get(HEADER) == "hit"
    generation_key = page_cache.make_key(GENERATION_KEY)
    assert raw.get(generation_key) is not None
    assert any(b"pages" in key for key in raw.keys("*"))

    # Another app server moves the generation on with its own connection: this one's
    # next request renders afresh instead of serving its stored copy.
    other = get_redis_connection("pages")
    other.delete(generation_key)
    assert client.get("/").get(HEADER) == "miss"


def test_rate_limits_count_in_redis():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    limited = [is_ratelimited(request, group="tests:redis", key="ip", rate="3/m",
                              increment=True) for _ in range(5)]
    assert limited == [False, False, False, True, True]
    raw = get_redis_connection("default")
    assert raw.keys("*rl:*"), "the rate-limit counter is not in Redis"
    caches["default"].clear()
