"""The ledger's roll-ups, kept until the page-cache generation moves on.

The roll-ups are the costly part of the ledger page (one aggregate over every filtered
item). They depend only on the filter, the date, and the viewer's scope -- resolved to
(superuser?, member?, own organisations, hidden organisations) -- so viewers with the same
scope share an entry. Any write to the plugin's models or to a page moves the generation
on (caching.signals), so a change shows at once.
"""

import hashlib
import json

from django.core.cache import cache

from caching.generation import current as page_cache_generation

TIMEOUT = 600


def cached_summary(flt, visibility, today, compute):
    user = visibility.user
    scope = {
        "superuser": bool(user is not None and user.is_authenticated and user.is_superuser),
        "member": visibility._is_member,
        "own": sorted(visibility.member_organisation_ids),
        "hidden": sorted(visibility.hidden_organisation_ids),
    }
    body = json.dumps([flt.params(), scope, today.isoformat()], sort_keys=True)
    digest = hashlib.sha256(body.encode()).hexdigest()[:32]
    return cache.get_or_set(f"commitments:summary:{page_cache_generation()}:{digest}",
                            compute, TIMEOUT)
