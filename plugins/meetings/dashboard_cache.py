"""Cache of the 机关党委 overview, invalidated by any change to the data behind it.

The overview is read far more often than records are entered. Every save or delete
of a record, rule, observer group or evaluation (and of an organisation) replaces a
version token, so a cached overview is never older than the last change.
"""

import hashlib
import uuid

from django.core.cache import cache

VERSION_KEY = "meetings:data-version"
TIMEOUT = 15 * 60


def data_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY, "none")
    return version


def bump(**_kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def cached(name, parts, compute):
    """compute() once per data version and key parts (year, today, organisations...)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"meetings:{name}:{data_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def connect_signals():
    from django.db.models.signals import post_delete, post_save

    from pages.models import BranchPage

    from .models import FrequencyRule, MeetingRecord, ObserverEvaluation, ObserverGroup

    for model in (MeetingRecord, FrequencyRule, ObserverEvaluation, ObserverGroup, BranchPage):
        post_save.connect(bump, sender=model, dispatch_uid=f"meetings-bump-save-{model.__name__}")
        post_delete.connect(bump, sender=model,
                            dispatch_uid=f"meetings-bump-delete-{model.__name__}")
