"""Plugins' exports and unmasked phone numbers reach the audit trail."""

import pytest
from django.urls import reverse

from audit import constants as c
from tests.factories import UserFactory

from .helpers import events


@pytest.fixture
def boss(client, db):
    user = UserFactory(username="boss", is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


needs = {name: pytest.mark.requires_plugin(name) for name in ("reviews", "meetings")}


@needs["reviews"]
def test_reviews_statistics_export_is_audited(client, boss, site_tree):
    from tests.plugins.reviews.conftest import make_campaign

    campaign = make_campaign(site_tree, slug="bridge", opens=-20, closes=-1)
    response = client.get(reverse("review_campaigns:export", args=[campaign.pk]),
                          REMOTE_ADDR="192.0.2.77")
    assert response.status_code == 200
    [event] = events("reviews.export")
    assert event.username == "boss" and campaign.title in event.target
    assert event.ip_address == "192.0.2.77" and "XLSX" in event.detail
    # on the campaign itself: it shows in the campaign's history
    assert event.content_type.model_class() is type(campaign)
    assert event.object_id == str(campaign.pk)


@needs["reviews"]
def test_unmasked_phone_in_the_comment_list_is_audited(client, boss, site_tree):
    from plugins.reviews.constants import CHANNEL_DEVICE
    from plugins.reviews.identity import Respondent
    from plugins.reviews.submission import record_response
    from tests.plugins.reviews.conftest import make_campaign

    campaign = make_campaign(site_tree, slug="phones")
    levels = {t.pk: "1" * len(campaign.criteria_for(t.kind)) for t in campaign.targets.all()}
    response = record_response(campaign, Respondent(CHANNEL_DEVICE, "device-1"), "public",
                               levels, comment="请回电", phone="13912345678")
    body = client.get("/admin/reviews/comments/").content.decode()
    assert "13912345678" in body
    [event] = events(c.VIEW_PERSONAL)
    assert event.username == "boss" and f"#{response.pk}" in event.target


@needs["meetings"]
def test_meetings_export_is_audited(client, boss, site_tree, settings, tmp_path):
    settings.MEETINGS_PRIVATE_ROOT = tmp_path
    response = client.get("/meetings/export.xlsx")
    assert response.status_code == 200
    [event] = events(c.EXPORT)
    assert event.username == "boss" and "三会一课" in event.target


@needs["meetings"]
def test_a_refused_export_is_not_recorded_as_one(client, db):
    client.get("/meetings/export.xlsx")  # anonymous: sent to the login page
    assert not events(c.EXPORT)
