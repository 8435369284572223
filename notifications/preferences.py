"""How each person wants to hear of each kind: 仅站内, 站内+邮件 or 每日汇总."""

from .kinds import all_kinds, default_delivery
from .models import NotificationPreference


def deliveries_for(users, kind):
    """{user id: delivery} for `kind`, the kind's default where a user has not chosen."""
    ids = [u.pk for u in users]
    chosen = dict(NotificationPreference.objects.filter(user_id__in=ids, kind=kind)
                  .values_list("user_id", "delivery"))
    default = default_delivery(kind)
    return {pk: chosen.get(pk, default) for pk in ids}


def preferences_of(user):
    """[(kind, delivery)] for every known kind, in the order kinds are declared."""
    chosen = dict(NotificationPreference.objects.filter(user=user)
                  .values_list("kind", "delivery"))
    return [(kind, chosen.get(kind.code, kind.default_delivery)) for kind in all_kinds()]


def save_preferences(user, choices):
    """Store {kind code: delivery}; only known kinds and known deliveries are accepted
    (the form checks them first)."""
    for code, delivery in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=code, defaults={"delivery": delivery})
