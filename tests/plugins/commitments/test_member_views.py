"""The member's and the secretary's front-end pages."""

import pytest
from django.urls import reverse

from plugins.commitments import workflow
from plugins.commitments.choices import MEMBER_PLEDGE
from plugins.commitments.models import Pledge, PledgeRevision

from .factories import item_data, published_pledge


def formset_post(period, rows, action="submit", scope="public", initial=0):
    data = {"items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": str(initial),
            "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "60", "scope": scope, action: "1"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"items-{i}-{key}"] = value
    return data


def start(client, period):
    response = client.post(reverse("commitments:start"),
                           {"period": period.pk, "kind": MEMBER_PLEDGE})
    return Pledge.objects.get(), response


def test_member_submits_through_the_pages(client, member1, secretary1, period):
    client.force_login(member1)
    pledge, response = start(client, period)
    assert response.url == reverse("commitments:edit", args=[pledge.pk])
    page = client.get(response.url)
    assert page.status_code == 200 and "提交审定" in page.content.decode()
    rows = item_data(period, 2) + [{"content": "", "measures": "", "deadline": "",
                                    "responsible": "", "weight": "1", "category": "service"}]
    response = client.post(reverse("commitments:edit", args=[pledge.pk]),
                           formset_post(period, rows))
    assert response.status_code == 302
    revision = PledgeRevision.objects.get(pledge=pledge)
    assert revision.state == "submitted" and len(revision.items) == 2  # the blank row is ignored

    client.force_login(secretary1)
    listing = client.get(reverse("commitments:review")).content.decode()
    assert pledge.title in listing
    response = client.post(reverse("commitments:review_revision", args=[revision.pk]),
                           {"approve": "1", "note": "同意公开"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.is_published

    client.logout()
    ledger = client.get(reverse("commitments:ledger")).content.decode()
    assert "为群众办实事第1项" in ledger


def test_bad_rows_get_chinese_messages_and_nothing_is_saved(client, member1, period):
    client.force_login(member1)
    pledge, _ = start(client, period)
    late = item_data(period, 1, deadline="2001-01-01", content="   ")[0]
    late["weight"] = "0"
    response = client.post(reverse("commitments:edit", args=[pledge.pk]),
                           formset_post(period, [late]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "承诺事项不能为空" in html and "权重应为1至100的整数" in html
    assert "完成时限应在" in html
    assert PledgeRevision.objects.get(pledge=pledge).items == []


def test_empty_pledge_cannot_be_submitted(client, member1, period):
    client.force_login(member1)
    pledge, _ = start(client, period)
    response = client.post(reverse("commitments:edit", args=[pledge.pk]), formset_post(period, []))
    assert "请至少填写一项承诺事项" in response.content.decode()


def test_non_member_gets_403_with_a_clear_message(client, outsider, period):
    client.force_login(outsider)
    for response in (client.get(reverse("commitments:my")),
                     client.post(reverse("commitments:start"),
                                 {"period": period.pk, "kind": MEMBER_PLEDGE})):
        assert response.status_code == 403
        assert "不是党员账户" in response.content.decode()
    assert not Pledge.objects.exists()


def test_anonymous_is_sent_to_login(client, period):
    response = client.get(reverse("commitments:my"))
    assert response.status_code == 302 and "/member/login/" in response.url


def test_member_cannot_edit_someone_elses_pledge(client, member1, member2, site_tree, period):
    other = published_pledge(site_tree.branch2, period, member=member2)
    client.force_login(member1)
    for url in (reverse("commitments:edit", args=[other.pk]),
                reverse("commitments:self_assessment", args=[other.pk]),
                reverse("commitments:progress", args=[other.items.first().pk])):
        response = client.post(url, {})
        assert response.status_code == 403, url
        assert "承诺" in response.content.decode()
    assert other.revisions.count() == 1


def test_secretary_of_another_branch_cannot_review(client, member2, secretary1, period):
    pledge = workflow.start_pledge(member2, period, MEMBER_PLEDGE)
    revision = workflow.editable_revision(member2, pledge)
    workflow.save_draft(member2, revision, item_data(period, 2), "public")
    workflow.submit(member2, revision)
    client.force_login(secretary1)
    # An unpublished 承诺书 outside her scope: as if it did not exist (docs/plugins.md).
    assert client.get(reverse("commitments:review_revision", args=[revision.pk])).status_code == 404
    missing = reverse("commitments:review_revision", args=[revision.pk + 1000])
    assert client.get(missing).status_code == 404
    for name in ("commitments:edit", "commitments:self_assessment"):
        assert client.get(reverse(name, args=[pledge.pk])).status_code == 404, name
    assert client.post(reverse("commitments:comment", args=[pledge.pk]),
                       {"grade": "good", "comment": "x"}).status_code == 404
    assert pledge.title not in client.get(reverse("commitments:review")).content.decode()


@pytest.mark.parametrize("action", ["approve", "return"])
def test_review_page_decisions(client, member1, secretary1, period, action):
    pledge = workflow.start_pledge(member1, period, MEMBER_PLEDGE)
    revision = workflow.editable_revision(member1, pledge)
    workflow.save_draft(member1, revision, item_data(period, 2), "public")
    workflow.submit(member1, revision)
    client.force_login(secretary1)
    response = client.post(reverse("commitments:review_revision", args=[revision.pk]),
                           {action: "1", "note": "请细化第2项" if action == "return" else ""})
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.state == ("approved" if action == "approve" else "returned")
