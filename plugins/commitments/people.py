"""Who may do what with a 承诺书: members, the organisations they belong to and lead."""

from django.contrib.auth.models import Group

from members.membership import member_organisations
from pages.models import BranchPage
from portal.scope import ALL_MEMBERS_GROUP

from .choices import MEMBER_PLEDGE


def home_organisation(user):
    return member_organisations(user).first()


def is_party_member(user):
    if not user.is_authenticated:
        return False
    return (Group.objects.filter(user=user, name=ALL_MEMBERS_GROUP).exists()
            or member_organisations(user).exists())


def led_organisations(user):
    if not user.is_authenticated:
        return BranchPage.objects.none()
    return BranchPage.led_by(user)


def leads(user, organisation):
    return organisation is not None and led_organisations(user).filter(pk=organisation.pk).exists()


def reviewing_organisation(pledge):
    """Whose leaders approve and comment: a member's own organisation, an organisation's parent."""
    if pledge.kind == MEMBER_PLEDGE:
        return pledge.organisation
    return pledge.organisation.parent_organisation


def can_edit(user, pledge):
    if not user.is_authenticated:
        return False
    if pledge.kind == MEMBER_PLEDGE:
        return pledge.member_id == user.pk
    return leads(user, pledge.organisation)


def can_review(user, pledge, permission="commitments.approve_pledge"):
    """审定 (and, with permission="commitments.comment_pledge", 点评); never one's own."""
    if not user.is_authenticated or pledge.member_id == user.pk:
        return False
    if pledge.kind != MEMBER_PLEDGE and leads(user, pledge.organisation) and not user.is_superuser:
        return False  # an organisation's own leaders do not approve its 承诺书
    return user.has_perm(permission) or leads(user, reviewing_organisation(pledge))


def reviewable_pledges_q(user):
    """A Q over Pledge for everything `user` may approve or comment on."""
    from django.db.models import Q

    if user.has_perm("commitments.approve_pledge"):
        return ~Q(member=user)
    led = list(led_organisations(user).values_list("pk", "path", "depth"))
    q = Q(pk__in=[])
    for pk, path, depth in led:
        q |= Q(kind=MEMBER_PLEDGE, organisation_id=pk)
        q |= (Q(organisation__path__startswith=path, organisation__depth=depth + 1)
              & ~Q(kind=MEMBER_PLEDGE))
    return q & ~Q(member=user)
