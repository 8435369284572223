"""The 党员中心 shows what each enabled plugin contributes through the registry: my 承诺书
and their 践诺 status, my organisation's meetings, the reviews I may take part in."""

import pytest
from django.apps import apps
from django.urls import reverse

from portal.plugins import MemberPanel, MemberRow, Plugin, registry
from tests.factories import member_of


def test_plugin_panels_appear_for_the_member(client, site_tree):
    member = member_of(site_tree.branch1, username="centre1", first_name="李明")
    expected = []
    if apps.is_installed("plugins.commitments"):
        from tests.plugins.commitments.factories import published_pledge

        pledge = published_pledge(site_tree.branch1, member=member, n=2)
        expected += ["我的承诺", str(pledge), "践诺 0/2 项已完成",
                     reverse("commitments:pledge", args=[pledge.pk])]
    if apps.is_installed("plugins.reviews"):
        from tests.plugins.reviews.conftest import make_campaign

        campaign = make_campaign(site_tree)
        expected += ["我可参加的评议", campaign.title, "尚未参加",
                     reverse("reviews:form", args=[campaign.slug])]
    client.force_login(member)
    body = client.get(reverse("members:home")).content.decode()
    assert "第一党支部" in body
    for text in expected:
        assert text in body


def test_a_plugin_adds_a_panel_through_the_registry(client, site_tree):
    member = member_of(site_tree.branch1, username="centre2")
    plugin = Plugin(label="panel_probe", name="测试插件", member_panels=lambda request: [
        MemberPanel("测试面板", [MemberRow(f"给{request.user.username}的一行", "/probe/", "说明")])])
    registry.register(plugin)
    try:
        client.force_login(member)
        body = client.get(reverse("members:home")).content.decode()
    finally:
        registry.unregister("panel_probe")
    assert "测试面板" in body and "给centre2的一行" in body and 'href="/probe/"' in body


def test_member_centre_needs_login(client, site_tree):
    response = client.get(reverse("members:home"))
    assert response.status_code == 302 and "/member/login/" in response["Location"]



@pytest.mark.requires_plugin("meetings")
def test_overdue_meetings_are_one_line_per_kind(client, site_tree):
    """A branch that held no 支委会 all year shows it once among the overdue lines, with how
    many months it is behind, instead of a line for every overdue month."""
    from django.utils import timezone

    if timezone.localdate().month < 3:
        return  # before March a monthly meeting cannot be overdue twice
    months_behind = timezone.localdate().month - 1
    client.force_login(member_of(site_tree.branch1, username="centre3"))
    body = client.get(reverse("members:home")).content.decode()
    assert body.count("第一党支部：支委会</a><span class=\"member-note\">（逾期") == 1
    assert f"逾期：{months_behind}个周期共少开{months_behind}次" in body
