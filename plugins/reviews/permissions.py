"""Admin permission policies: responses are append-only, so the admin can never edit them."""

from wagtail.permission_policies import ModelPermissionPolicy

WRITE_ACTIONS = {"add", "change", "delete"}


class ReadOnlyPolicy(ModelPermissionPolicy):
    """View only: no add, edit or delete screen, whatever the user's permissions."""

    def user_has_permission(self, user, action):
        if action in WRITE_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a not in WRITE_ACTIONS]
        return super().users_with_any_permission(actions) if actions else \
            super().users_with_any_permission(["view"]).none()


class ModerationPolicy(ModelPermissionPolicy):
    """Comments are moderated (changed), never created or deleted from the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


class CampaignPolicy(ModelPermissionPolicy):
    """A campaign that has received responses can no longer be deleted."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.has_responses():
            return False
        return super().user_has_permission_for_instance(user, action, instance)
