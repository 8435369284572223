"""Admin: append-only responses, moderation queue, masked phones, exports logged, publication."""

import io

import pytest
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from integrity.append_only import AppendOnlyError
from plugins.reviews.admin_forms import FROZEN_MESSAGE
from plugins.reviews.models import (
    Campaign,
    Comment,
    ContactDetail,
    EvaluationCode,
    Rating,
    Response,
)
from plugins.reviews.tallies import digest
from plugins.reviews.verify import verify_campaign
from tests.factories import UserFactory

from .conftest import form_data, form_url, visit
from .helpers import closed_campaign, grant

pytestmark = pytest.mark.django_db
ADMIN = "/admin/reviews"


def test_responses_cannot_be_changed_or_deleted(site_tree):
    campaign = closed_campaign(site_tree)
    response = Response.objects.first()
    response.category = "client"
    with pytest.raises(AppendOnlyError):
        response.save()
    with pytest.raises(AppendOnlyError):
        response.delete()
    with pytest.raises(AppendOnlyError):
        Response.objects.filter(campaign=campaign).update(category="client")
    with pytest.raises(AppendOnlyError):
        Rating.objects.all().delete()
    rating = Rating.objects.first()
    rating.levels = "44444"
    with pytest.raises(AppendOnlyError):
        rating.save()
    assert Rating.objects.filter(levels="44444").count() == 1  # the original 44444 only


def test_admin_offers_no_edit_or_delete_for_responses(admin_client, site_tree):
    closed_campaign(site_tree)
    response = Response.objects.first()
    listing = admin_client.get(f"{ADMIN}/responses/")
    assert listing.status_code == 200
    assert f"{ADMIN}/responses/edit/" not in listing.content.decode()
    assert admin_client.get(f"{ADMIN}/responses/inspect/{response.pk}/").status_code == 200
    for url in (f"{ADMIN}/responses/edit/{response.pk}/", f"{ADMIN}/responses/delete/{response.pk}/",
                f"{ADMIN}/responses/new/"):
        assert admin_client.get(url).status_code in (302, 403)
        assert admin_client.post(url, {"campaign": response.campaign_id}).status_code in (302, 403)
    assert Response.objects.filter(pk=response.pk).exists()


def test_campaign_with_responses_cannot_be_deleted(admin_client, site_tree):
    campaign = closed_campaign(site_tree)
    admin_client.post(f"{ADMIN}/campaigns/delete/{campaign.pk}/")
    assert Campaign.objects.filter(pk=campaign.pk).exists()


def test_targets_and_criteria_freeze_once_answered(site_tree):
    from plugins.reviews.viewsets import CampaignViewSet

    campaign = closed_campaign(site_tree)
    form_class = CampaignViewSet().get_form_class()
    form = form_class(instance=campaign)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is not None:
            data[name] = value
    for name, formset in form.formsets.items():
        data[f"{name}-TOTAL_FORMS"] = len(formset.forms)
        data[f"{name}-INITIAL_FORMS"] = len(formset.forms)
        data[f"{name}-MIN_NUM_FORMS"] = 0
        data[f"{name}-MAX_NUM_FORMS"] = 1000
        for i, sub in enumerate(formset.forms):
            for field in sub.fields:
                value = sub[field].value()
                if value is not None:
                    data[f"{name}-{i}-{field}"] = value
    data["criteria-0-name"] = "改名后的指标"
    data["opens_at"] = campaign.opens_at.strftime("%Y-%m-%d %H:%M")
    data["closes_at"] = campaign.closes_at.strftime("%Y-%m-%d %H:%M")
    bound = form_class(data, instance=campaign)
    assert not bound.is_valid()
    assert FROZEN_MESSAGE in bound.non_field_errors()


def test_moderation_queue_approves_and_records_moderator(admin_client, admin_user, client, campaign):
    visit(client, campaign)
    client.post(form_url(campaign), form_data(campaign, comment="希望加强窗口服务"))
    comment = Comment.objects.get()
    listing = admin_client.get(f"{ADMIN}/comments/")
    assert "希望加强窗口服务" in listing.content.decode()
    response = admin_client.post(f"{ADMIN}/comments/edit/{comment.pk}/", {"status": "approved"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.moderated_by == admin_user and comment.moderated_at is not None
    assert comment.text == "希望加强窗口服务"  # the text itself is read-only


def test_phone_is_masked_without_special_permission(client, campaign):
    visit(client, campaign)
    client.post(form_url(campaign), form_data(campaign, comment="请回访", contact_phone="13812341234"))
    moderator = grant(UserFactory(username="moderator"), "wagtailadmin.access_admin",
                      "reviews.view_comment", "reviews.change_comment")
    client.force_login(moderator)
    body = client.get(f"{ADMIN}/comments/").content.decode()
    assert "138****1234" in body and "13812341234" not in body
    grant(moderator, "reviews.view_full_phone")
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(pk=moderator.pk))
    assert "13812341234" in client.get(f"{ADMIN}/comments/").content.decode()
    assert ContactDetail.objects.get().phone == "13812341234"


def test_xlsx_export_is_logged(admin_client, admin_user, site_tree):
    campaign = closed_campaign(site_tree, votes=[("11111", "44444"), ("12222", "44433")])
    response = admin_client.get(f"{ADMIN}/campaigns/statistics/{campaign.pk}/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["统计表", "按评议人类别", "分项指标", "整改台账"]
    sheet = book["统计表"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[2]
    assert header[:5] == ["序号", "评议对象", "类别", "参评人数", "有效票数"]
    first = next(r for r in rows if r[1] == "第一党支部")
    assert first[3] == 2 and first[4] == 10 and first[5] == 6  # 满意 votes
    assert first[header.index("满意率（%）")] == 100.0
    second = next(r for r in rows if r[1] == "第二党支部")
    assert second[-1] == "是"
    [log] = ModelLogEntry.objects.filter(action="reviews.export")
    assert log.user == admin_user and log.data["kind"] == "xlsx"
    assert log.object_id == str(campaign.pk) and log.content_type.model == "campaign"


def test_export_requires_permission(client, site_tree):
    campaign = closed_campaign(site_tree)
    staff = grant(UserFactory(username="editor-x"), "wagtailadmin.access_admin")
    client.force_login(staff)
    response = client.get(f"{ADMIN}/campaigns/statistics/{campaign.pk}/export.xlsx")
    assert response.status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action="reviews.export").exists()


def test_publish_stores_a_verifiable_snapshot(admin_client, site_tree):
    campaign = closed_campaign(site_tree, published=False)
    response = admin_client.post(f"{ADMIN}/campaigns/statistics/{campaign.pk}/publish/")
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.is_published
    assert digest(campaign.published_table) == campaign.published_digest
    assert verify_campaign(campaign) == []
    # Tampering with the published figures is detected.
    table = campaign.published_table
    table["targets"][0]["counts"]["1"] += 1
    Campaign.objects.filter(pk=campaign.pk).update(published_table=table)
    campaign.refresh_from_db()
    assert any("摘要不符" in p for p in verify_campaign(campaign))


def test_open_campaign_cannot_be_published(admin_client, campaign):
    admin_client.post(f"{ADMIN}/campaigns/statistics/{campaign.pk}/publish/")
    campaign.refresh_from_db()
    assert not campaign.is_published


def test_code_batches_and_printable_sheet_is_logged(admin_client, code_campaign):
    page = admin_client.post(f"{ADMIN}/campaigns/codes/{code_campaign.pk}/", {"count": 12})
    assert page.status_code == 302
    assert EvaluationCode.objects.filter(campaign=code_campaign, batch=2).count() == 12
    sheet = admin_client.get(f"{ADMIN}/campaigns/codes/{code_campaign.pk}/batch-2/")
    body = sheet.content.decode()
    assert body.count('class="code-slip"') == 12
    code = EvaluationCode.objects.filter(batch=2).first()
    assert code.display in body
    assert ModelLogEntry.objects.get(action="reviews.export").data["kind"] == "codes"
    too_many = admin_client.post(f"{ADMIN}/campaigns/codes/{code_campaign.pk}/", {"count": 99999})
    assert "每批最多生成" in too_many.content.decode()


def test_admin_screens_render(admin_client, site_tree):
    campaign = closed_campaign(site_tree)
    for url in (f"{ADMIN}/campaigns/", f"{ADMIN}/campaigns/new/",
                f"{ADMIN}/campaigns/edit/{campaign.pk}/", f"{ADMIN}/rectifications/",
                f"{ADMIN}/rectifications/new/", "/admin/reports/audit/?action=reviews.export",
                f"{ADMIN}/campaigns/statistics/{campaign.pk}/?verify=1"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert "核验通过" in admin_client.get(
        f"{ADMIN}/campaigns/statistics/{campaign.pk}/?verify=1").content.decode()
