"""Who may see and enter minutes (本组织公开 for 三会一课 records).

Minutes of an organisation are visible to its members (its members' group and
its linked committee members), to members of every ancestor organisation in the
BranchPage tree (superiors), to the observer group assigned to it for that year,
and to staff holding meetings.view_meetingrecord. The public sees only counts.

Files that a record no longer shows (removed or replaced attachments, kept for the version
history) are opened from the version history only by authorised staff: those who may
amend the organisation's records and staff who see every record.
"""

from django.apps import apps
from django.db.models import Q

from members.membership import organisations_under

from .models.records import year_bounds

VIEW_ALL_PERMISSION = "meetings.view_meetingrecord"
ENTER_ANY_PERMISSION = "meetings.add_meetingrecord"


def _branch_model():
    return apps.get_model("pages", "BranchPage")


def sees_everything(user):
    return bool(user and user.is_authenticated
                and (user.is_superuser or user.has_perm(VIEW_ALL_PERMISSION)))


def own_organisation_paths(user):
    """Tree paths of the organisations the user belongs to (group or committee seat)."""
    if not (user and user.is_authenticated):
        return []
    group_ids = list(user.groups.values_list("id", flat=True))
    return list(
        _branch_model().objects.filter(Q(members_group_id__in=group_ids) | Q(committee__user=user))
        .values_list("path", flat=True).distinct()
    )


def visible_organisations(user):
    """BranchPage queryset whose minutes the user may read (observer access aside)."""
    if sees_everything(user):
        return _branch_model().objects.all()
    return organisations_under(own_organisation_paths(user))


def observed_pairs(user):
    """(organisation id, year) pairs the user observes as a member of an observer group."""
    if not (user and user.is_authenticated):
        return []
    from .models import ObserverGroup

    return list(ObserverGroup.objects.filter(members=user)
                .values_list("organisation_id", "year").distinct())


def visible_records(user, queryset=None):
    from .models import MeetingRecord

    queryset = MeetingRecord.objects.all() if queryset is None else queryset
    if sees_everything(user):
        return queryset
    if not (user and user.is_authenticated):
        return queryset.none()
    q = Q(organisation__in=visible_organisations(user).values("pk"))
    for org_id, year in observed_pairs(user):
        start, end = year_bounds(year)
        q |= Q(organisation_id=org_id, start__gte=start, start__lt=end)
    return queryset.filter(q)


def can_view_organisation(user, organisation):
    return visible_organisations(user).filter(pk=organisation.pk).exists()


def can_view_record(user, record):
    if sees_everything(user):
        return True
    if can_view_organisation(user, record.organisation):
        return True
    return (record.organisation_id, record.year) in set(observed_pairs(user))


def can_enter(user, organisation):
    """Committee members with a linked account enter their organisation's minutes; so does staff."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser or user.has_perm(ENTER_ANY_PERMISSION):
        return True
    return organisation.committee.filter(user=user).exists()


def enterable_organisations(user):
    Branch = _branch_model()
    if not (user and user.is_authenticated):
        return Branch.objects.none()
    if user.is_superuser or user.has_perm(ENTER_ANY_PERMISSION):
        return Branch.objects.all()
    return Branch.objects.filter(committee__user=user).distinct()


def can_evaluate(user, record):
    """Members of an observer group for the record's organisation and year, or staff."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser or user.has_perm("meetings.add_observerevaluation"):
        return True
    return (record.organisation_id, record.year) in set(observed_pairs(user))


def can_open_retained(user, record):
    """Removed or replaced attachments of a record: its editors and staff who see everything."""
    return sees_everything(user) or can_enter(user, record.organisation)
