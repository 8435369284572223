"""An admin permission policy for plugin models that change only through their own process."""

from wagtail.permission_policies import ModelPermissionPolicy


class RefusedActionsPolicy(ModelPermissionPolicy):
    """The model's permissions, except that nobody may do the `refused` actions in the admin
    (by default add, change and delete: view only), whatever permissions they hold."""

    def __init__(self, model, refused=("add", "change", "delete"), **kwargs):
        super().__init__(model, **kwargs)
        self.refused = frozenset(refused)

    def user_has_permission(self, user, action):
        if action in self.refused:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a not in self.refused]
        return super().users_with_any_permission(actions) if actions else \
            super().users_with_any_permission(["view"]).none()
