"""观察员制度: an observer group has at least two observers, not all from the observed
organisation, whichever way it is written; a refused write leaves nothing behind."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from plugins.meetings.models import ObserverGroup
from tests.factories import UserFactory, member_of

TOO_FEW = "观察小组至少由2名观察员组成"
THROUGH = ObserverGroup.members.through


@pytest.fixture
def observers(db):
    """Three observers from outside 第一党支部 (机关党委办 staff and other branches' 支委)."""
    return [UserFactory(username=f"observer{n}", first_name=name)
            for n, name in enumerate(["刘芳", "陈静", "周丽"], start=1)]


@pytest.fixture
def group(site_tree, observers):
    return ObserverGroup.objects.create(organisation=site_tree.branch1, year=2025,
                                        note="按年度轮流观摩。", members=observers[:2])


def _nothing_written():
    return ObserverGroup.objects.count() == 0 and THROUGH.objects.count() == 0


def test_a_group_of_one_is_refused_by_the_model(site_tree, observers):
    with pytest.raises(ValidationError) as refused:
        ObserverGroup.objects.create(organisation=site_tree.branch1, year=2025,
                                     members=observers[:1])
    assert refused.value.message_dict == {"members": ["观察小组至少由2名观察员组成（现有1名）。"]}
    with pytest.raises(ValidationError, match=TOO_FEW):
        ObserverGroup.objects.create(organisation=site_tree.branch1, year=2025)
    unsaved = ObserverGroup(organisation=site_tree.branch1, year=2025)
    unsaved.members = [observers[0], observers[0]]  # the same person twice is one observer
    with pytest.raises(ValidationError, match=r"现有1名"):
        unsaved.full_clean()
    with pytest.raises(ValidationError, match=r"现有1名"):
        unsaved.save()
    assert _nothing_written()


def test_bulk_create_is_refused(site_tree):
    with pytest.raises(ValidationError, match="不能批量创建"):
        ObserverGroup.objects.bulk_create([ObserverGroup(organisation=site_tree.branch1,
                                                         year=2025)])
    assert _nothing_written()


def test_observers_all_from_the_observed_branch_are_refused(site_tree):
    insiders = [member_of(site_tree.branch1, username=f"b1-{n}") for n in range(2)]
    with pytest.raises(ValidationError, match="不能全部来自被观摩的党组织"):
        ObserverGroup.objects.create(organisation=site_tree.branch1, year=2025, members=insiders)
    assert _nothing_written()
    # The same two people may observe another branch.
    ObserverGroup.objects.create(organisation=site_tree.branch2, year=2025, members=insiders)


def test_an_edit_that_leaves_one_observer_writes_nothing(group, observers):
    group.note = "改为季度观摩。"
    group.members.remove(observers[0])
    with pytest.raises(ValidationError, match="现有1名"):
        group.save()
    fresh = ObserverGroup.objects.get(pk=group.pk)
    assert fresh.note == "按年度轮流观摩。"
    assert set(fresh.members.all()) == set(observers[:2])


def test_replacing_an_observer_is_saved(group, observers):
    group.members = [observers[1], observers[2]]
    group.save()
    assert set(ObserverGroup.objects.get(pk=group.pk).members.all()) == set(observers[1:])


def test_removing_from_the_user_side_is_refused(group, observers):
    # Django writes these inside atomic(savepoint=False): the caller's transaction is
    # the unit that is rolled back, so each refused call gets its own here.
    with pytest.raises(ValidationError, match="现有1名"), transaction.atomic():
        observers[0].observer_groups.remove(group)
    with pytest.raises(ValidationError, match="现有1名"), transaction.atomic():
        observers[1].observer_groups.clear()
    with pytest.raises(ValidationError, match="现有1名"), transaction.atomic():
        observers[1].observer_groups.set([])
    assert set(group.members.all()) == set(observers[:2])
    observers[2].observer_groups.add(group)  # adding is always fine; now three
    observers[0].observer_groups.remove(group)  # and back to two
    assert set(group.members.all()) == set(observers[1:])


def test_writes_through_the_group_side_that_skip_save_are_checked(group, observers):
    with pytest.raises(ValidationError, match="现有1名"), transaction.atomic():
        group.members.set([observers[0].pk])  # a list of ids is written at once
    assert set(group.members.all()) == set(observers[:2])


def test_deleting_an_observers_account_is_refused(group, observers, django_user_model):
    with pytest.raises(ValidationError, match="删除账户"), transaction.atomic():
        observers[0].delete()
    assert django_user_model.objects.filter(pk=observers[0].pk).exists()
    assert group.members.count() == 2
    group.members.add(observers[2])
    group.save()
    observers[0].delete()  # two observers remain
    assert set(group.members.all()) == set(observers[1:])


def test_a_fixture_with_one_observer_is_refused(site_tree, observers, tmp_path):
    fixture = tmp_path / "groups.json"
    fixture.write_text(json.dumps([{
        "model": "meetings.observergroup", "pk": 900,
        "fields": {"organisation": site_tree.branch1.pk, "year": 2025, "name": "导入的小组",
                   "note": "", "members": [observers[0].pk]},
    }]), encoding="utf-8")
    with pytest.raises(ValidationError, match="现有1名"):
        call_command("loaddata", str(fixture), verbosity=0)
    assert _nothing_written()
    data = json.loads(fixture.read_text(encoding="utf-8"))
    data[0]["fields"]["members"] = [observers[0].pk, observers[1].pk]
    fixture.write_text(json.dumps(data), encoding="utf-8")
    call_command("loaddata", str(fixture), verbosity=0)
    assert ObserverGroup.objects.get(pk=900).members.count() == 2


def test_admin_edit_uses_the_model_rule(client, group, observers, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x-Password-123")
    client.force_login(admin)
    url = reverse("observer_groups:edit", args=[group.pk])
    data = {"organisation": group.organisation_id, "year": 2025, "name": "", "note": "改了",
            "members": [observers[0].pk]}
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        "members": ["观察小组至少由2名观察员组成（现有1名）。"]}
    empty = client.post(url, dict(data, members=[]))
    assert empty.context["form"].errors == {"members": ["观察小组至少由2名观察员组成（现有0名）。"]}
    fresh = ObserverGroup.objects.get(pk=group.pk)
    assert fresh.note == "按年度轮流观摩。" and fresh.members.count() == 2
    assert client.post(url, dict(data, members=[o.pk for o in observers])).status_code == 302
    assert ObserverGroup.objects.get(pk=group.pk).members.count() == 3
