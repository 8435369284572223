"""Who manages which roster: staff with the roster permissions see every organisation;
a 书记 or 副书记 with a linked account sees the organisations they lead and those below."""

from wagtail.permission_policies import ModelPermissionPolicy

from members.membership import organisations_under

MANAGE_ALL = "roster.change_rosterentry"


def _branch_model():
    from pages.models import BranchPage

    return BranchPage


def sees_every_roster(user):
    return bool(user and user.is_authenticated and (user.is_superuser or user.has_perm(MANAGE_ALL)))


def manageable_organisations(user):
    BranchPage = _branch_model()
    if not (user and user.is_authenticated):
        return BranchPage.objects.none()
    if sees_every_roster(user):
        return BranchPage.objects.all()
    return organisations_under(BranchPage.led_by(user).values_list("path", flat=True))


class RosterPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, plus every action for secretaries (on their own organisations:
    the views filter their querysets with manageable_organisations)."""

    def _is_secretary(self, user):
        return bool(user and user.is_authenticated and user.is_active
                    and _branch_model().led_by(user).exists())

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) or (
            action in ("add", "change", "delete", "view") and self._is_secretary(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return (self.user_has_permission(user, action)
                and manageable_organisations(user).filter(pk=instance.organisation_id).exists())

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return self.model.objects.filter(
            organisation__in=manageable_organisations(user).values("pk"))
