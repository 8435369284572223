"""热搜词: what the public searches for most, and hints for a search that found nothing.

Counting: a search from a visitor who is not logged in, on the first page, that found
something, adds one to its normalised query's count for the day (PublicQueryCount). A
logged-in member's queries are never stored, so a member's wording reaches the list only
when the public searched it too. Nothing identifies the searcher.

Counts older than HOT_DAYS are deleted whenever a new (day, query) row is written.

Showing: the queries searched most over the last HOT_DAYS days, at least MIN_COUNT times,
minus those holding an admin's stop word (HotQueryStopWord, admin: 热搜屏蔽词), kept in
the cache for a few minutes.
"""

import datetime
from difflib import SequenceMatcher

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .analysis import normalise, surface_words
from .analysis.synonyms import groups

HOT_DAYS = 30
HOT_SIZE = 10
MIN_COUNT = 3  # a query searched once or twice is not "hot" (and may be a typo)
MAX_LENGTH = 30
CACHE_KEY = "search:hot-queries"
CACHE_SECONDS = 300


def record(query, user, outcome, first_page=True):
    """Count `query` for the public, when it qualifies (see the module's docstring)."""
    from .models import PublicQueryCount

    if user is not None and user.is_authenticated:
        return
    if outcome is None or not outcome.count or not first_page:
        return
    text = normalise(query)
    if not text or len(text) > MAX_LENGTH:
        return
    today = timezone.localdate()
    updated = PublicQueryCount.objects.filter(day=today, query=text).update(count=F("count") + 1)
    if not updated:
        # a new row: rows older than the window are no longer read, drop them
        PublicQueryCount.objects.filter(day__lte=today - datetime.timedelta(days=HOT_DAYS)).delete()
        try:
            with transaction.atomic():
                PublicQueryCount.objects.create(day=today, query=text, count=1)
        except IntegrityError:  # another request created it meanwhile
            PublicQueryCount.objects.filter(day=today, query=text).update(count=F("count") + 1)


def hot_queries():
    """[query] searched most by the public lately, stop words left out."""
    return cache.get_or_set(CACHE_KEY, _hot_queries, CACHE_SECONDS)


def forget():
    cache.delete(CACHE_KEY)


def _hot_queries():
    from .models import HotQueryStopWord, PublicQueryCount

    since = timezone.localdate() - datetime.timedelta(days=HOT_DAYS)
    stops = [normalise(w) for w in HotQueryStopWord.objects.values_list("word", flat=True)]
    stops = [w for w in stops if w]
    rows = (PublicQueryCount.objects.filter(day__gt=since).values("query")
            .annotate(total=Sum("count")).filter(total__gte=MIN_COUNT)
            .order_by("-total", "query")[:HOT_SIZE * 5])
    found = []
    for row in rows:
        if not any(stop in row["query"] for stop in stops):
            found.append(row["query"])
        if len(found) == HOT_SIZE:
            break
    return found


def hints(query):
    """Other queries to try when `query` found nothing: the nearest synonym term, then
    shorter queries (each word alone, or a long word's first half). At most four."""
    text = normalise(query)
    if not text:
        return []
    found = []
    best, best_ratio = None, 0.6
    for group in groups():
        for term in group:
            ratio = SequenceMatcher(None, text, term).ratio()
            if ratio > best_ratio and term != text:
                best, best_ratio = term, ratio
    if best:
        found.append(best)
    words = surface_words(query)
    if len(words) > 1:
        found += words
    elif words and len(words[0]) >= 4:
        word = words[0]
        found.append(word[:len(word) // 2 + len(word) % 2])
    return list(dict.fromkeys(hint for hint in found if hint != text))[:4]
