"""The reviews plugin's events: a campaign I may take part in opened (scheduled, once) or
published its 通报 (only to members inside its publication scope), and an 整改 item of my
organisation or of me changed state."""

import datetime as dt

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from pages.models import BranchCommitteeMember
from plugins.reviews.constants import RECTIFY_DONE, SCOPE_ORGANISATION
from plugins.reviews.models import Rectification
from plugins.reviews.notifying import CAMPAIGN, RECTIFICATION, raise_opened
from tests.factories import UserFactory, member_of

from .conftest import make_campaign


def titles(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind)
                .order_by("id").values_list("title", flat=True))


def test_opened_campaign_told_to_members_once(site_tree, member1, member2):
    outsider = UserFactory(username="outsider", groups=[Group.objects.get_or_create(name="信息员")[0]])
    make_campaign(site_tree)
    make_campaign(site_tree, slug="later", opens=5, closes=30, title="尚未开始的评议")
    assert raise_opened(timezone.now()) == "评议开始提醒2条"
    assert titles(member1, CAMPAIGN) == ["群众评议“2026年上半年群众评议”已开始"]
    assert titles(member2, CAMPAIGN) == ["群众评议“2026年上半年群众评议”已开始"]
    assert titles(outsider, CAMPAIGN) == []
    assert raise_opened(timezone.now()) == "评议开始提醒0条"


def test_bulletin_told_only_inside_its_scope(site_tree, member1, member2):
    campaign = make_campaign(site_tree, opens=-20, closes=-1, publication_scope=SCOPE_ORGANISATION,
                             scope_organisation=site_tree.branch1)
    campaign.results_published_at = timezone.now()
    campaign.save(update_fields=["results_published_at"])
    assert titles(member1, CAMPAIGN) == ["群众评议“2026年上半年群众评议”已发布通报"]
    assert titles(member2, CAMPAIGN) == []  # outside 第一党支部's scope
    campaign.bulletin = "更正"
    campaign.save()
    assert len(titles(member1, CAMPAIGN)) == 1


def test_publishing_through_the_admin_tells_members(admin_client, site_tree, member1):
    campaign = make_campaign(site_tree, opens=-20, closes=-1)
    response = admin_client.post(reverse("review_campaigns:publish", args=[campaign.pk]))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.results_published_at is not None
    assert titles(member1, CAMPAIGN) == ["群众评议“2026年上半年群众评议”已发布通报"]


def test_rectification_state_changes_reach_the_organisation_and_the_member(site_tree, member1):
    secretary = member_of(site_tree.branch1, username="sec")
    BranchCommitteeMember.objects.create(branch=site_tree.branch1, name="书记", role="secretary",
                                         user=secretary)
    campaign = make_campaign(site_tree, members=[member1], opens=-20, closes=-1)
    org_target = campaign.targets.get(organisation=site_tree.branch1)
    member_target = campaign.targets.get(member=member1)
    deadline = timezone.localdate() + dt.timedelta(days=30)
    item = Rectification.objects.create(campaign=campaign, target=org_target, problem="服务窗口等候时间长",
                                        measure="增设窗口", deadline=deadline)
    assert titles(secretary, RECTIFICATION) == ["整改事项新增：服务窗口等候时间长"]
    item.progress = "已增设一个窗口"
    item.save()
    assert len(titles(secretary, RECTIFICATION)) == 1  # no state change, no event
    item.status = RECTIFY_DONE
    item.save()
    assert titles(secretary, RECTIFICATION)[-1] == "整改事项状态变为“已完成”：服务窗口等候时间长"
    Rectification.objects.create(campaign=campaign, target=member_target, problem="联系群众不够",
                                 measure="每月走访", deadline=deadline)
    assert titles(member1, RECTIFICATION) == ["整改事项新增：联系群众不够"]
