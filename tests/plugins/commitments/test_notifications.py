"""The commitments plugin's events: a 承诺书 waits for my 审定, mine was approved or
returned (with the note), a 点评 was posted on mine; e-mail follows preferences."""

import pytest
from django.core import mail

from notifications.models import Notification, NotificationPreference
from plugins.commitments import tracking, workflow
from plugins.commitments.choices import MEMBER_PLEDGE
from plugins.commitments.notifying import COMMENT, DECISION, REVIEW

from .factories import assessment_period, item_data, published_pledge


def draft(user, period, n=3):
    pledge = workflow.start_pledge(user, period, MEMBER_PLEDGE)
    revision = workflow.editable_revision(user, pledge)
    workflow.save_draft(user, revision, item_data(period, n), "public")
    return pledge, revision


def inbox(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


def test_submission_waits_for_the_secretary(member1, secretary1, member2, period):
    _pledge, revision = draft(member1, period)
    workflow.submit(member1, revision)
    [n] = inbox(secretary1, REVIEW)
    assert "待您审定" in n.title and n.link == "/commitments/review/"
    assert inbox(member1, REVIEW) == [] and inbox(member2, REVIEW) == []


def test_return_tells_the_member_with_the_note(member1, secretary1, period,
                                               django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=member1, kind=DECISION, delivery="email")
    _pledge, revision = draft(member1, period)
    workflow.submit(member1, revision)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_for_changes(secretary1, revision, "第2项完成时限过晚，请调整")
    [n] = inbox(member1, DECISION)
    assert "被退回修改" in n.title and "第2项完成时限过晚" in n.body
    [message] = mail.outbox
    assert message.to == [member1.email] and "第2项完成时限过晚" in message.body


def test_approval_tells_the_member(member1, secretary1, period):
    pledge, revision = draft(member1, period)
    workflow.submit(member1, revision)
    workflow.approve(secretary1, revision, "同意")
    [n] = inbox(member1, DECISION)
    assert "已审定公开" in n.title and "同意" in n.body
    assert n.link == pledge.get_absolute_url()
    assert inbox(secretary1, DECISION) == []  # the approver is not told of her own act


def test_a_refused_action_tells_no_one(member1, period):
    _pledge, revision = draft(member1, period)
    workflow.submit(member1, revision)
    with pytest.raises(workflow.CommitmentError):
        workflow.submit(member1, revision)
    assert Notification.objects.filter(kind=REVIEW).count() == 0  # no reviewer linked


def test_comment_is_told_to_the_member(site_tree, member1, secretary1):
    period = assessment_period()
    pledge = published_pledge(site_tree.branch1, period=period, member=member1)
    tracking.add_comment(secretary1, pledge, "承诺事项落实有力", "excellent")
    [n] = inbox(member1, COMMENT)
    assert "收到领导点评" in n.title and "承诺事项落实有力" in n.body
