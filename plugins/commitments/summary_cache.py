"""A short-lived cache of the ledger's roll-ups, keyed by filter and by what the viewer may see.

The roll-ups are the costly part of the ledger page (one aggregate over every filtered
item). They depend only on the filter, the date, and the viewer's scope — resolved to
(superuser?, member?, own organisations, hidden organisations) — so viewers with the same
scope share an entry. Any write to the plugin's models (or to an organisation page) moves
a version number on, now and again on commit, so a change shows at once in this process;
TIMEOUT bounds how long another worker process may show the previous figures.
"""

import hashlib
import json

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "commitments:summary-version"
TIMEOUT = 60


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted or never set
        cache.set(VERSION_KEY, 2, None)


def invalidate(*args, **kwargs):
    """Signal receiver: the ledger changed."""
    _bump()
    transaction.on_commit(_bump)


def cache_key(flt, visibility, today):
    """What the ledger shows depends on, as a string: data version, filter, scope, day."""
    user = visibility.user
    scope = {
        "superuser": bool(user is not None and user.is_authenticated and user.is_superuser),
        "member": visibility._is_member,
        "own": sorted(visibility.member_organisation_ids),
        "hidden": sorted(visibility.hidden_organisation_ids),
    }
    body = json.dumps([flt.params(), scope, today.isoformat()], sort_keys=True)
    digest = hashlib.sha256(body.encode()).hexdigest()[:32]
    return f"commitments:summary:{current_version()}:{digest}"


def cached_summary(items, flt, visibility, today, compute, key=None):
    key = key or cache_key(flt, visibility, today)
    summary = cache.get(key)
    if summary is None:
        summary = compute(items, today)
        cache.set(key, summary, TIMEOUT)
    return summary


def connect():
    """Wire the invalidation (called from AppConfig.ready)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for name in ("commitments.Period", "commitments.Pledge", "commitments.CommitmentItem",
                 "commitments.LeaderComment", "pages.BranchPage"):
        model = apps.get_model(name)
        post_save.connect(invalidate, sender=model, dispatch_uid=f"commitments-summary-{name}-s")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"commitments-summary-{name}-d")
