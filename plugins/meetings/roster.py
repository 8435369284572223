"""An organisation's roster (党员名册): the users in its members' group."""

from django.contrib.auth import get_user_model


def display_name(user):
    return user.get_full_name() or user.get_username()


def roster(organisation):
    """Active users in the organisation's members' group, by name."""
    User = get_user_model()
    if not organisation.members_group_id:
        return User.objects.none()
    return (User.objects.filter(groups=organisation.members_group_id, is_active=True)
            .order_by("first_name", "last_name", "username"))


def match_names(organisation, names):
    """Map typed names to roster users; return (matched {name: user}, unmatched [name])."""
    by_name = {}
    for user in roster(organisation):
        by_name.setdefault(display_name(user), user)
        by_name.setdefault(user.get_username(), user)
    matched, unmatched = {}, []
    for name in names:
        if name in by_name:
            matched[name] = by_name[name]
        else:
            unmatched.append(name)
    return matched, unmatched
