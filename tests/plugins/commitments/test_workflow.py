"""公开承诺 → 审定 → 公开示诺, and the rules each step enforces (services and views)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from plugins.commitments import workflow
from plugins.commitments.choices import (
    APPROVED,
    MEMBER_PLEDGE,
    ORGANISATION_PLEDGE,
    RETURNED,
    SUBMITTED,
)
from plugins.commitments.models import LedgerEntry, Pledge, PledgeRevision
from plugins.commitments.workflow import CommitmentError

from .factories import item_data, published_pledge


def draft(user, period, n=3, kind=MEMBER_PLEDGE, organisation=None):
    pledge = workflow.start_pledge(user, period, kind, organisation)
    revision = workflow.editable_revision(user, pledge)
    workflow.save_draft(user, revision, item_data(period, n), "public")
    return pledge, revision


def test_member_drafts_submits_and_secretary_approves(member1, secretary1, period):
    pledge, revision = draft(member1, period)
    assert pledge.organisation.slug == "branch-1" and not pledge.is_published
    workflow.submit(member1, revision)
    assert Pledge.objects.get(pk=pledge.pk).state == SUBMITTED
    workflow.approve(secretary1, revision, "同意")
    pledge.refresh_from_db()
    assert pledge.is_published and pledge.state == APPROVED and pledge.published_revision == 1
    assert pledge.items.count() == 3
    entry = pledge.ledger_entries.get()
    assert entry.kind == LedgerEntry.APPROVAL and "赵志刚" in entry.actor_label


def test_edit_after_approval_is_a_new_revision_needing_approval(member1, secretary1, period):
    pledge, revision = draft(member1, period)
    workflow.submit(member1, revision)
    workflow.approve(secretary1, revision)
    first_item = pledge.items.order_by("position").first()

    second = workflow.editable_revision(member1, pledge)
    assert second.number == 2 and second.items[0]["id"] == first_item.pk
    items = second.items
    items[0]["content"] = "修改后的承诺事项"
    workflow.save_draft(member1, second, items[:2], "public")
    workflow.submit(member1, second)
    # until approved, the public still sees the approved version
    first_item.refresh_from_db()
    assert first_item.content == "为群众办实事第1项"
    assert pledge.items.current().count() == 3

    workflow.approve(secretary1, second)
    first_item.refresh_from_db()
    assert first_item.content == "修改后的承诺事项"  # same item, so its history stays with it
    assert pledge.items.current().count() == 2
    assert pledge.items.filter(withdrawn=True).count() == 1
    pledge.refresh_from_db()
    assert pledge.published_revision == 2


def test_cannot_edit_while_waiting_for_approval(member1, period):
    pledge, revision = draft(member1, period)
    workflow.submit(member1, revision)
    with pytest.raises(CommitmentError, match="审定完成前不能修改"):
        workflow.editable_revision(member1, pledge)


def test_return_requires_a_note_and_reopens_the_draft(member1, secretary1, period):
    pledge, revision = draft(member1, period)
    workflow.submit(member1, revision)
    with pytest.raises(CommitmentError, match="审定意见"):
        workflow.return_for_changes(secretary1, revision, "  ")
    workflow.return_for_changes(secretary1, revision, "第2项不够具体")
    revision.refresh_from_db()
    assert revision.state == RETURNED
    assert workflow.editable_revision(member1, pledge).pk == revision.pk


def test_nobody_approves_their_own(member1, secretary1, committee_secretary, site_tree, period):
    # the secretary's own member 承诺书
    pledge, revision = draft(secretary1, period)
    workflow.submit(secretary1, revision)
    with pytest.raises(PermissionDenied):
        workflow.approve(secretary1, revision)
    # a branch's own 承诺书 is approved by the 机关党委, not by the branch's secretary
    org_pledge, org_rev = draft(secretary1, period, n=10, kind=ORGANISATION_PLEDGE,
                                organisation=site_tree.branch1)
    workflow.submit(secretary1, org_rev)
    with pytest.raises(PermissionDenied):
        workflow.approve(secretary1, org_rev)
    workflow.approve(committee_secretary, org_rev)
    assert Pledge.objects.get(pk=org_pledge.pk).is_published


def test_other_branch_secretary_cannot_approve(member2, secretary1, period):
    pledge, revision = draft(member2, period)
    workflow.submit(member2, revision)
    with pytest.raises(PermissionDenied):
        workflow.approve(secretary1, revision)


def test_organisation_pledge_needs_ten_items(secretary1, site_tree, period):
    pledge, revision = draft(secretary1, period, n=4, kind=ORGANISATION_PLEDGE,
                             organisation=site_tree.branch1)
    with pytest.raises(CommitmentError, match="至少填写10项"):
        workflow.submit(secretary1, revision)
    assert PledgeRevision.objects.get(pk=revision.pk).state == "draft"


def test_only_leaders_draft_organisation_pledges(member1, site_tree, period):
    with pytest.raises(PermissionDenied):
        workflow.start_pledge(member1, period, ORGANISATION_PLEDGE, site_tree.branch1)


def test_dates_outside_the_period_and_empty_items_are_refused(member1, period):
    pledge = workflow.start_pledge(member1, period, MEMBER_PLEDGE)
    revision = workflow.editable_revision(member1, pledge)
    late = item_data(period, 1, deadline=(period.end_date + dt.timedelta(days=1)).isoformat())
    with pytest.raises(CommitmentError, match="完成时限应在"):
        workflow.save_draft(member1, revision, late, "public")
    with pytest.raises(CommitmentError, match="至少填写一项"):
        workflow.save_draft(member1, revision, [], "public")
    assert PledgeRevision.objects.get(pk=revision.pk).items == []


def test_new_pledges_only_in_the_publishing_window(member1, period):
    period.publish_end = period.publish_start
    period.save()
    with pytest.raises(CommitmentError, match="不在受理时间内"):
        workflow.start_pledge(member1, period, MEMBER_PLEDGE,
                              today=period.publish_start + dt.timedelta(days=1))


def test_non_member_cannot_start(outsider, period):
    with pytest.raises(PermissionDenied, match="不是党员账户"):
        workflow.start_pledge(outsider, period, MEMBER_PLEDGE)


def test_an_item_id_from_another_pledge_is_not_taken_over(member1, member2, site_tree, period):
    foreign = published_pledge(site_tree.branch2, period, member=member2)
    foreign_item = foreign.items.first()
    pledge = workflow.start_pledge(member1, period, MEMBER_PLEDGE)
    revision = workflow.editable_revision(member1, pledge)
    items = item_data(period, 1)
    items[0]["id"] = foreign_item.pk
    workflow.save_draft(member1, revision, items, "public")
    assert "id" not in PledgeRevision.objects.get(pk=revision.pk).items[0]
