"""Who may see a campaign's results (通报): its publication scope, applied everywhere."""

from django.db.models import Q

from portal.scope import ALL_MEMBERS_GROUP, ORGANISATION, PARTY, PUBLIC, Scope

from .constants import SCOPE_ORGANISATION, SCOPE_PARTY, SCOPE_PUBLIC
from .models import Campaign


def is_results_staff(user):
    return user.is_authenticated and user.has_perm("reviews.view_results")


def published_for(user, queryset=None):
    """Closed, published campaigns whose results this user may read."""
    from django.utils import timezone

    qs = (queryset if queryset is not None else Campaign.objects.all())
    qs = qs.filter(closes_at__lte=timezone.now()).exclude(results_published_at=None)
    if user.is_authenticated and user.is_superuser:
        return qs
    allowed = Q(publication_scope=SCOPE_PUBLIC)
    groups = dict(user.groups.values_list("id", "name")) if user.is_authenticated else {}
    if ALL_MEMBERS_GROUP in groups.values():
        allowed |= Q(publication_scope=SCOPE_PARTY)
    if groups:
        allowed |= Q(publication_scope=SCOPE_ORGANISATION,
                     scope_organisation__members_group_id__in=list(groups))
    return qs.filter(allowed)


def can_read_results(user, campaign):
    """Staff read the 统计表 once the campaign has closed; others once it is published in scope."""
    if not campaign.is_closed:
        return False
    if is_results_staff(user):
        return True
    return published_for(user, Campaign.objects.filter(pk=campaign.pk)).exists()


def scope_of(campaign):
    """The portal's Scope object, so the shared scope badge shows the label."""
    if campaign.publication_scope == SCOPE_PARTY:
        return Scope(PARTY)
    if campaign.publication_scope == SCOPE_ORGANISATION:
        org = campaign.scope_organisation
        return Scope(ORGANISATION, (org.title,) if org else ())
    return Scope(PUBLIC)
