"""The 审定 page of a revision whose author is gone (demo data, an erased account)."""

from django.urls import reverse

from .factories import published_pledge


def test_review_page_of_an_approved_revision_without_author_renders(client, site_tree,
                                                                    committee_secretary):
    pledge = published_pledge(site_tree.branch1)
    revision = pledge.revisions.get()
    assert revision.author is None
    client.force_login(committee_secretary)
    response = client.get(reverse("commitments:review_revision", args=[revision.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "起草人：（未记录）" in page
    assert "已审定" in page and 'name="approve"' not in page
