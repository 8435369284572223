"""Who has and has not read a 需阅知 notice, for the secretaries of the organisations
in its audience (each sees the members of the organisations they lead, and below) and for
staff allowed to see every 阅知 (acknowledgements.view_readrequest)."""

from dataclasses import dataclass

from pages.models import BranchPage

from .audience import audience_users
from .models import ReadConfirmation


@dataclass
class Row:
    name: str
    username: str
    organisation: str
    confirmed_at: object

    @property
    def state(self):
        return "已阅" if self.confirmed_at else "未阅"


def sees_everyone(user):
    return user.has_perm("acknowledgements.view_readrequest")


def led_paths(user):
    return list(BranchPage.led_by(user).values_list("path", flat=True))


def may_view(user, read_request=None):
    return sees_everyone(user) or bool(led_paths(user))


def rows(user, read_request):
    """The audience members `user` may account for, unread first, then by organisation."""
    users = audience_users(read_request)
    organisations = list(BranchPage.objects.exclude(members_group=None)
                         .values_list("members_group_id", "path", "title"))
    if not sees_everyone(user):
        paths = led_paths(user)
        groups = [g for g, path, _ in organisations if any(path.startswith(p) for p in paths)]
        users = users.filter(groups__in=groups).distinct()
    by_group = {g: (path, title) for g, path, title in organisations}
    confirmed = dict(ReadConfirmation.objects.filter(request=read_request)
                     .values_list("user_id", "confirmed_at"))
    out = []
    for person in users.prefetch_related("groups").order_by("username"):
        orgs = [by_group[g.pk] for g in person.groups.all() if g.pk in by_group]
        org = max(orgs)[1] if orgs else ""  # the deepest organisation
        out.append(Row(person.get_full_name() or person.get_username(), person.get_username(),
                       org, confirmed.get(person.pk)))
    out.sort(key=lambda r: (r.confirmed_at is not None, r.organisation, r.username))
    return out
