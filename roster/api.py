"""What the rest of the portal reads from the roster (core pages and plugins alike).

An organisation "has a roster" once any entry is recorded for it or for an organisation
below it. Where none is recorded yet, counts fall back to the number typed on the
organisation's profile (BranchPage.member_count), so sites without a roster keep working.
Counts include the organisations below (a 党总支 counts its 党支部's members).
"""

from .models import RosterEntry


def entries(organisation, on=None, subtree=True):
    """Roster entries of the organisation (and those below it), as of `on` if given.

    As of a date: members who had joined the Party by then (入党时间 on or before it).
    """
    if subtree:
        queryset = RosterEntry.objects.filter(organisation__path__startswith=organisation.path)
    else:
        queryset = RosterEntry.objects.filter(organisation=organisation)
    if on is not None:
        queryset = queryset.filter(joined_on__lte=on)
    return queryset.select_related("party_group")


def has_roster(organisation):
    return RosterEntry.objects.filter(organisation__path__startswith=organisation.path).exists()


def member_count(organisation, on=None, fallback=True):
    """Members on the roster (as of `on`), or the profile's count when there is no roster.

    Returns None when there is neither (and `fallback` is False, or the profile says 0).
    """
    if on is None:
        count = entries(organisation).count()
    elif has_roster(organisation):
        return entries(organisation, on=on).count()
    else:
        count = 0
    if count:
        return count
    if fallback and organisation.member_count:
        return organisation.member_count
    return None


def counts_by_organisation(organisations):
    """{organisation pk: member count} for many organisations in one query: each one's
    roster with those below it, or the profile's count where that subtree has no roster."""
    from django.db.models import Count

    organisations = list(organisations)
    if not organisations:
        return {}
    direct = list(RosterEntry.objects.order_by().values("organisation__path")
                  .annotate(n=Count("pk")).values_list("organisation__path", "n"))
    counts = {}
    for org in organisations:
        total = sum(n for path, n in direct if path.startswith(org.path))
        counts[org.pk] = total or org.member_count
    return counts
