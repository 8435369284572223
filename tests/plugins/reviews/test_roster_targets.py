"""评议对象 from the core 党员名册: linked members are added once; refusals with messages."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from plugins.reviews.models import CampaignTarget
from tests.factories import UserFactory, member_of
from tests.roster.factories import RosterEntryFactory

from .conftest import form_data, form_url, make_campaign, solved_captcha  # noqa: F401


@pytest.fixture
def staff(db):
    user = UserFactory(username="reviews-staff", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="change_campaign", content_type__app_label="reviews"))
    return user


def test_roster_members_with_accounts_become_targets(client, site_tree, staff):
    campaign = make_campaign(site_tree)
    linked = member_of(site_tree.branch1, username="m1", first_name="张晓明")
    RosterEntryFactory(organisation=site_tree.branch1, name="张晓明", user=linked)
    RosterEntryFactory(organisation=site_tree.branch1, name="李无账户")
    client.force_login(staff)
    url = reverse("review_campaigns:roster_targets", args=[campaign.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"organisation": site_tree.branch1.pk}, follow=True)
    body = response.content.decode()
    assert "添加1名党员" in body and "李无账户" in body
    targets = CampaignTarget.objects.filter(campaign=campaign, member=linked)
    assert targets.count() == 1 and targets.get().name == "张晓明"
    client.post(url, {"organisation": site_tree.branch1.pk})  # again: nobody twice
    assert CampaignTarget.objects.filter(campaign=campaign, member=linked).count() == 1


def test_refusals(client, site_tree, staff, member1):
    campaign = make_campaign(site_tree)
    client.force_login(staff)
    url = reverse("review_campaigns:roster_targets", args=[campaign.pk])
    no_roster = client.post(url, {"organisation": site_tree.branch2.pk})
    assert no_roster.status_code == 400 and "尚未建立党员名册" in no_roster.content.decode()
    assert client.post(url, {"organisation": 999999}).status_code == 400
    client.force_login(member1)
    assert client.get(url).status_code in (302, 403)
