"""Results: staff-only live tallies, the 通报 in its scope, charts, comments, 整改."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from plugins.reviews.constants import COMMENT_APPROVED, SCOPE_ORGANISATION, SCOPE_PARTY
from plugins.reviews.models import Comment, Rectification
from plugins.reviews.search import search_results, searchable_campaigns
from tests.factories import UserFactory

from .conftest import form_data, form_url, make_campaign, visit
from .helpers import closed_campaign, grant

pytestmark = pytest.mark.django_db


def results_url(campaign):
    return f"/reviews/{campaign.slug}/results/"


def test_published_results_page_shows_the_statistics_table(client, site_tree):
    campaign = closed_campaign(site_tree, votes=[("11111", "44444"), ("12222", "44433")])
    page = client.get(results_url(campaign))
    assert page.status_code == 200
    body = page.content.decode()
    assert "群众评议情况统计表" in body
    assert "向社会公开" in body
    assert "需整改" in body  # branch-2 under 60%
    assert "<svg" in body and 'class="chart-l1"' in body
    assert " style=" not in body.split("<main", 1)[1]  # CSP: no inline styles
    assert "<script" not in body.split("<main", 1)[1]
    assert "100.0%" in body and "20.0%" in body


def test_live_tallies_are_staff_only(client, site_tree, campaign, admin_client):
    visit(client, campaign)
    client.post(form_url(campaign), form_data(campaign))
    page = client.get(results_url(campaign))
    assert "评议正在进行" in page.content.decode()
    assert "群众评议情况统计表" not in page.content.decode()
    live = admin_client.get(f"/admin/reviews/campaigns/statistics/{campaign.pk}/")
    assert live.status_code == 200
    assert "实时统计" in live.content.decode()
    assert "群众评议情况统计表" not in page.content.decode()
    member = UserFactory(username="plain")
    client.force_login(member)
    assert client.get(f"/admin/reviews/campaigns/statistics/{campaign.pk}/").status_code in (302, 403)


def test_unpublished_results_are_staff_only_after_close(client, site_tree):
    campaign = closed_campaign(site_tree, published=False)
    assert "结果尚未发布" in client.get(results_url(campaign)).content.decode()
    staff = grant(UserFactory(username="counter"), "reviews.view_results")
    client.force_login(staff)
    body = client.get(results_url(campaign)).content.decode()
    assert "群众评议情况统计表" in body and "尚未发布" in body


def test_party_scope_hides_results_from_the_public(client, site_tree, member1):
    campaign = closed_campaign(site_tree, publication_scope=SCOPE_PARTY)
    assert client.get(results_url(campaign)).status_code == 404
    assert campaign not in searchable_campaigns(AnonymousUser())
    client.force_login(member1)
    page = client.get(results_url(campaign))
    assert page.status_code == 200 and "党内公开" in page.content.decode()


def test_organisation_scope(client, site_tree, member1, member2):
    campaign = closed_campaign(site_tree, publication_scope=SCOPE_ORGANISATION,
                               scope_organisation=site_tree.branch1)
    client.force_login(member2)
    assert client.get(results_url(campaign)).status_code == 404
    assert "closed" not in client.get("/reviews/").content.decode()
    client.force_login(member1)
    page = client.get(results_url(campaign))
    assert page.status_code == 200 and "本组织公开" in page.content.decode()
    assert f"/reviews/{campaign.slug}/results/" in client.get("/reviews/").content.decode()


def test_comments_are_public_only_once_approved(client, site_tree, campaign):
    visit(client, campaign)
    client.post(form_url(campaign), form_data(campaign, comment="<b>希望</b>公开办事流程"))
    from plugins.reviews.models import Campaign

    Campaign.objects.filter(pk=campaign.pk).update(
        opens_at=campaign.opens_at - dt.timedelta(days=60),
        closes_at=campaign.opens_at - dt.timedelta(days=1))
    from .helpers import publish

    publish(campaign)
    assert "公开办事流程" not in client.get(results_url(campaign)).content.decode()
    Comment.objects.update(status=COMMENT_APPROVED)
    body = client.get(results_url(campaign)).content.decode()
    assert "&lt;b&gt;希望&lt;/b&gt;公开办事流程" in body


def test_rectifications_are_published_and_overdue_is_shown(client, site_tree):
    campaign = closed_campaign(site_tree)
    target = campaign.targets.get(organisation=site_tree.branch2)
    Rectification.objects.create(campaign=campaign, target=target, problem="承诺落实不及时",
                                 measure="建立月度通报制度", deadline=dt.date(2020, 1, 1))
    body = client.get(results_url(campaign)).content.decode()
    assert "承诺落实不及时" in body and "建立月度通报制度" in body and "已逾期" in body


def test_index_lists_open_campaigns_and_visible_results(client, site_tree, campaign):
    closed_campaign(site_tree, slug="old")
    body = client.get("/reviews/").content.decode()
    assert "参加评议" in body and "/reviews/2026-h1/" in body
    assert "/reviews/old/results/" in body


def test_search_finds_visible_results_only(rf, site_tree):
    closed_campaign(site_tree, slug="pub", title="2025年下半年群众评议")
    closed_campaign(site_tree, slug="party", title="党内的群众评议", publication_scope=SCOPE_PARTY)
    request = rf.get("/")
    request.user = AnonymousUser()
    found = search_results(request, "群众评议")
    assert [r["url"] for r in found] == ["/reviews/pub/results/"]
    assert found[0]["type"] == "群众评议通报"
    assert search_results(request, "第二党支部")[0]["url"] == "/reviews/pub/results/"


def test_home_page_panel_lists_open_campaign(client, site_tree, campaign):
    body = client.get("/").content.decode()
    assert "群众评议" in body and "/reviews/2026-h1/" in body


def test_results_not_visible_before_close_even_if_flag_set(client, site_tree):
    campaign = make_campaign(site_tree, slug="early")
    from .helpers import publish

    publish(campaign)
    assert "评议正在进行" in client.get(results_url(campaign)).content.decode()


def test_site_search_lists_results_in_scope(client, site_tree, member1):
    closed_campaign(site_tree, slug="pub", title="2025年下半年群众评议")
    closed_campaign(site_tree, slug="party", title="党内群众评议专场", publication_scope=SCOPE_PARTY)
    make_campaign(site_tree, slug="running", title="正在进行的群众评议")
    body = client.get("/search/", {"q": "群众评议"}).content.decode()
    assert "/reviews/pub/results/" in body
    assert "/reviews/party/results/" not in body and "/reviews/running/" not in body
    client.force_login(member1)
    assert "/reviews/party/results/" in client.get("/search/", {"q": "群众评议"}).content.decode()
