"""Campaign defaults, codes, phone masking, the retention and verification commands, demo data."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from plugins.reviews.crypto import decrypt_phone, encrypt_phone, mask_phone
from plugins.reviews.models import Campaign, ContactDetail, EvaluationCode, Rating, Response
from plugins.reviews.models.codes import ALPHABET, normalise_code

from .conftest import form_data, form_url, make_campaign, visit
from .helpers import closed_campaign

pytestmark = pytest.mark.django_db


def test_default_criteria_follow_seed_004(site_tree, member1):
    campaign = make_campaign(site_tree, members=[member1])
    assert [c.name for c in campaign.criteria_for("organisation")] == [
        "中心工作完成情况", "承诺践诺情况", "为群众办实事", "整改落实", "队伍建设"]
    assert [c.name for c in campaign.criteria_for("member")] == [
        "履职尽责", "承诺践诺", "联系服务群众", "作风廉洁"]


def test_edited_criteria_are_kept(site_tree):
    from plugins.reviews.models import CampaignTarget, Criterion

    now = timezone.now()
    campaign = Campaign(title="专项评议", slug="special", period="2026年", opens_at=now,
                        closes_at=now + dt.timedelta(days=1))
    campaign.targets.add(CampaignTarget(organisation=site_tree.branch1))
    campaign.criteria.add(Criterion(target_kind="organisation", name="服务态度"))
    campaign.save()
    assert [c.name for c in campaign.criteria_for("organisation")] == ["服务态度"]


def test_campaign_validation_messages(site_tree):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    campaign = Campaign(title="x", slug="x", period="p", opens_at=now, closes_at=now,
                        publication_scope="organisation")
    with pytest.raises(ValidationError) as error:
        campaign.clean()
    assert "截止时间必须晚于开始时间。" in str(error.value)
    assert "请选择组织" in str(error.value)


def test_codes_are_unique_and_readable(site_tree):
    campaign = make_campaign(site_tree)
    batch = EvaluationCode.generate_batch(campaign, 300)
    codes = list(EvaluationCode.objects.values_list("code", flat=True))
    assert batch == 1 and len(set(codes)) == 300
    assert all(len(c) == 8 and set(c) <= set(ALPHABET) for c in codes)
    assert normalise_code(" abcd-efgh ") == "ABCDEFGH"
    assert EvaluationCode.generate_batch(campaign, 1) == 2


def test_phone_masking_and_encryption(settings):
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("0571-88001201") == "********1201"
    token = encrypt_phone("13812341234")
    assert decrypt_phone(token) == "13812341234"
    settings.REVIEWS_CONTACT_KEY = "another-key"
    assert decrypt_phone(token) == ""  # a different key cannot read it


def test_retention_command_purges_old_contacts(client, campaign, settings):
    visit(client, campaign)
    client.post(form_url(campaign), form_data(campaign, contact_phone="13812341234"))
    ContactDetail.objects.update(created_at=timezone.now() - dt.timedelta(days=40))
    settings.REVIEWS_CONTACT_RETENTION_DAYS = 60
    call_command("purge_review_contacts")
    assert ContactDetail.objects.count() == 1
    call_command("purge_review_contacts", "--days", "30", "--dry-run")
    assert ContactDetail.objects.count() == 1
    call_command("purge_review_contacts", "--days", "30")
    assert ContactDetail.objects.count() == 0
    assert Response.objects.count() == 1  # the response itself stays


def test_verify_command_passes_and_detects_tampering(site_tree, capsys):
    campaign = closed_campaign(site_tree, votes=[("11111", "44444"), ("12222", "44433")])
    call_command("verify_review_tallies", campaign.slug)
    assert "核验通过" in capsys.readouterr().out
    # Simulate a row changed behind the application's back (raw SQL bypasses the model).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE reviews_rating SET levels = %s WHERE id = %s",
                       ["44444", Rating.objects.order_by("id").first().pk])
    with pytest.raises(CommandError):
        call_command("verify_review_tallies", campaign.slug)
    assert "不一致" in capsys.readouterr().out


def test_verify_command_unknown_slug(db):
    with pytest.raises(CommandError):
        call_command("verify_review_tallies", "nope")


def test_generate_codes_command(site_tree, capsys):
    campaign = make_campaign(site_tree)
    call_command("generate_review_codes", campaign.slug, "25")
    assert EvaluationCode.objects.filter(campaign=campaign).count() == 25


def test_demo_loader_makes_a_closed_and_an_open_campaign(site_tree, member1, member2):
    from plugins.reviews.demo import load_demo
    from plugins.reviews.demo_data import CLOSED_SLUG, OPEN_SLUG
    from plugins.reviews.verify import verify_campaign

    load_demo()
    load_demo()  # idempotent
    closed = Campaign.objects.get(slug=CLOSED_SLUG)
    opened = Campaign.objects.get(slug=OPEN_SLUG)
    assert closed.is_closed and closed.is_published and opened.is_open
    assert Response.objects.filter(campaign=closed).count() == 152  # 150 codes + 2 members
    assert verify_campaign(closed) == []
    assert Campaign.objects.count() == 2
    # Coherent with the day it is loaded: the open review is of the half-year now ending,
    # the closed one of the half before it.
    from django.utils import timezone

    today = timezone.localdate()
    half = "上半年" if today.month <= 6 else "下半年"
    assert opened.period == f"{today.year}年{half}" and opened.period in opened.title
    before = f"{today.year}年上半年" if today.month > 6 else f"{today.year - 1}年下半年"
    assert closed.period == before and before in closed.title
    assert timezone.localtime(closed.closes_at).date() < today
