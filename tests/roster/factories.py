"""Factories and helpers for the roster tests."""

import datetime

import factory
from django.contrib.auth.models import Group, Permission

from roster.models import PartyGroup, RosterEntry
from tests.factories import UserFactory


class PartyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyGroup

    name = factory.Sequence(lambda n: f"第{n}党小组")


class RosterEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RosterEntry

    name = factory.Sequence(lambda n: f"党员{n}")
    gender = "male"
    birth_month = datetime.date(1985, 3, 1)
    joined_on = datetime.date(2010, 7, 1)
    status = "full"


def admin_user(**kwargs):
    """An account that may enter the Wagtail admin, with no other permission."""
    group, _ = Group.objects.get_or_create(name="后台访问")
    group.permissions.add(Permission.objects.get(codename="access_admin",
                                                 content_type__app_label="wagtailadmin"))
    return UserFactory(groups=[group], **kwargs)


def secretary_of(organisation, **kwargs):
    user = admin_user(**kwargs)
    from pages.models import BranchCommitteeMember

    BranchCommitteeMember.objects.create(branch=organisation, name=user.username,
                                         role="secretary", user=user)
    return user
