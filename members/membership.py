"""Who belongs to an organisation, in one place.

Today membership is the organisation's members' group (BranchPage.members_group, also used
for 本组织公开) and the group 全体党员 for 党内公开. The roster work (issue 24) may replace
these functions with its member records; callers only rely on the User querysets they return.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from portal.scope import ALL_MEMBERS_GROUP


def all_members():
    """Every active party member's account."""
    return get_user_model().objects.filter(is_active=True,
                                           groups__name=ALL_MEMBERS_GROUP).distinct()


def organisations_under(paths):
    """The organisations at or below any of these tree paths."""
    from pages.models import BranchPage

    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    return BranchPage.objects.filter(q)


def organisation_members(organisations, with_suborganisations=True):
    """Active accounts in the members' group of any of `organisations` (BranchPages) and,
    by default, of the organisations below them."""
    organisations = list(organisations)
    if not organisations:
        return get_user_model().objects.none()
    if with_suborganisations:
        organisations = organisations_under(org.path for org in organisations)
    group_ids = [g for g in (o.members_group_id for o in organisations) if g]
    return get_user_model().objects.filter(is_active=True,
                                           groups__in=group_ids).distinct()


def organisation_leaders(organisation):
    """Accounts linked to the organisation's 书记, 副书记 and 委员 (its committee)."""
    return get_user_model().objects.filter(
        is_active=True, committee_roles__branch=organisation).distinct()


def member_organisations(user):
    """The organisations whose members' group `user` is in, deepest first."""
    from pages.models import BranchPage

    if not user.is_authenticated:
        return BranchPage.objects.none()
    return BranchPage.objects.filter(members_group__user=user).order_by("-depth", "path")


def is_party_member(user):
    return user.is_authenticated and user.groups.filter(name=ALL_MEMBERS_GROUP).exists()
