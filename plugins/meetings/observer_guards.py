"""Membership changes of observer groups that do not go through ObserverGroup.save().

ObserverGroup.save() checks the final set of observers before it writes. These
receivers cover the other ways a membership row can change, and refuse (raise, so the
surrounding transaction writes nothing) any change that would leave a group breaking
the rule of models/observers.py:

- removing or clearing through the user side (``user.observer_groups.remove(group)``);
- writes through the group side that skip save() (fixtures and ``set()`` with ids);
- deleting the account of an observer whose group would be left with too few.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, pre_delete

from .models import ObserverGroup
from .models.observers import observer_problems


def _refuse(group, problems, what="这次修改"):
    raise ValidationError(f"{what}会使“{group}”不符合观察员制度：{''.join(problems)}")


def _check_group_side(group, action, pk_set):
    if getattr(group, "_saving_members", False):
        return  # save() has checked the final set
    current = set(group.members.through.objects.filter(observergroup_id=group.pk)
                  .values_list("user_id", flat=True))
    if action == "pre_remove":
        remaining = current - set(pk_set or ())
    elif action == "pre_clear":
        remaining = set()
    else:  # post_add: the rows are in, check what the group now has
        remaining = current
    problems = observer_problems(group.organisation, remaining)
    if problems:
        _refuse(group, problems)


def _check_user_side(user, action, pk_set):
    if action == "pre_clear":
        groups = ObserverGroup.objects.filter(members=user)
    else:
        groups = ObserverGroup.objects.filter(pk__in=pk_set or ())
    for group in groups.select_related("organisation"):
        remaining = [pk for pk in group.members.values_list("pk", flat=True) if pk != user.pk]
        problems = observer_problems(group.organisation, remaining)
        if problems:
            _refuse(group, problems)


def membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse and action in ("pre_remove", "pre_clear", "post_add"):
        _check_group_side(instance, action, pk_set)
    elif reverse and action in ("pre_remove", "pre_clear"):
        _check_user_side(instance, action, pk_set)


def observer_deleted(sender, instance, **kwargs):
    """Deleting an account removes its membership rows without any m2m signal."""
    for group in ObserverGroup.objects.filter(members=instance).select_related("organisation"):
        remaining = [pk for pk in group.members.values_list("pk", flat=True) if pk != instance.pk]
        problems = observer_problems(group.organisation, remaining)
        if problems:
            _refuse(group, problems, what=f"删除账户“{instance}”")


def connect_signals():
    through = ObserverGroup.members.through
    m2m_changed.connect(membership_changed, sender=through,
                        dispatch_uid="meetings-observer-membership")
    pre_delete.connect(observer_deleted, sender=settings.AUTH_USER_MODEL,
                       dispatch_uid="meetings-observer-account-deleted")
