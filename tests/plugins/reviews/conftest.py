"""Fixtures for the 群众评议 plugin: campaigns on the shared site tree, and form helpers."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.plugin_marks import skip_unless_plugin

skip_unless_plugin("reviews")  # the whole directory, when the plugin is off

from captcha.models import CaptchaStore  # noqa: E402  (an app only this plugin installs)

from plugins.reviews.constants import MODE_CODE, MODE_DEVICE  # noqa: E402
from plugins.reviews.models import Campaign, CampaignTarget  # noqa: E402
from plugins.reviews.models.codes import EvaluationCode  # noqa: E402


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # rate-limit counters live in the cache
    yield
    cache.clear()


def make_campaign(site_tree, *, members=(), mode=MODE_DEVICE, slug="2026-h1", opens=-1, closes=30,
                  **fields):
    now = timezone.now()
    campaign = Campaign(title=fields.pop("title", "2026年上半年群众评议"), slug=slug,
                        period="2026年上半年", opens_at=now + dt.timedelta(days=opens),
                        closes_at=now + dt.timedelta(days=closes), public_mode=mode, **fields)
    campaign.targets.add(CampaignTarget(organisation=site_tree.branch1, sort_order=0))
    campaign.targets.add(CampaignTarget(organisation=site_tree.branch2, sort_order=1))
    for i, member in enumerate(members):
        campaign.targets.add(CampaignTarget(member=member, sort_order=2 + i))
    campaign.save()
    return Campaign.objects.prefetch_related("targets", "criteria").get(pk=campaign.pk)


@pytest.fixture
def campaign(site_tree):
    return make_campaign(site_tree)


@pytest.fixture
def code_campaign(site_tree):
    campaign = make_campaign(site_tree, mode=MODE_CODE, slug="codes")
    EvaluationCode.generate_batch(campaign, 5)
    return campaign


def solved_captcha():
    key = CaptchaStore.generate_key()
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def answers(campaign, level="1", skip=()):
    data = {}
    for target in campaign.targets.all():
        for criterion in campaign.criteria_for(target.kind):
            name = f"r-{target.pk}-{criterion.pk}"
            if name not in skip and (target.pk, criterion.name) not in skip:
                data[name] = level
    return data


def form_data(campaign, level="1", category="public", captcha=True, **extra):
    data = answers(campaign, level)
    if category:
        data["category"] = category
    if captcha:
        data.update(solved_captcha())
    data.update(extra)
    return data


def form_url(campaign):
    return f"/reviews/{campaign.slug}/"


def visit(client, campaign):
    """GET the form first, as a browser does (sets the device cookie)."""
    response = client.get(form_url(campaign))
    assert response.status_code == 200
    return response
