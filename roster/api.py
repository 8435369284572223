"""What the rest of the portal reads from the roster (core pages and plugins alike).

An organisation "has a roster" once any entry is recorded for it or for an organisation
below it. Where none is recorded yet, counts fall back to the number typed on the
organisation's profile (BranchPage.member_count), so sites without a roster keep working.
Counts include the organisations below (a 党总支 counts its 党支部's members).
"""

from django.utils import timezone

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
    if has_roster(organisation):
        return entries(organisation, on=on).count()
    if fallback and organisation.member_count:
        return organisation.member_count
    return None


def member_names(organisation, on=None, subtree=False):
    """Names on the roster, in roster order (empty when there is no roster)."""
    return list(entries(organisation, on=on, subtree=subtree).values_list("name", flat=True))


def counts_by_organisation(organisations):
    """{organisation pk: roster count or the profile's count} for many organisations at once."""
    from django.db.models import Count

    organisations = list(organisations)
    direct = dict(RosterEntry.objects.filter(organisation__in=organisations).values(
        "organisation").annotate(n=Count("pk")).values_list("organisation", "n"))
    return {org.pk: direct[org.pk] if org.pk in direct else org.member_count
            for org in organisations}


def today():
    return timezone.localdate()
