"""承诺书 waiting for 审定 reach the 书记's 待办 panel (never the author's own)."""

from django.test import RequestFactory

from plugins.commitments import workflow
from plugins.commitments.choices import MEMBER_PLEDGE
from portal.plugins import registry

from .factories import item_data


def lines(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [(i.count, i.label, i.url) for i in registry.get("commitments").todo_items(request)]


def test_submitted_pledge_waits_for_the_secretary(member1, secretary1, period):
    assert lines(secretary1) == [(0, "份承诺书待审定", "/commitments/review/")]
    pledge = workflow.start_pledge(member1, period, MEMBER_PLEDGE)
    revision = workflow.editable_revision(member1, pledge)
    workflow.save_draft(member1, revision, item_data(period, 2), "public")
    workflow.submit(member1, revision)
    assert lines(secretary1) == [(1, "份承诺书待审定", "/commitments/review/")]
    assert lines(member1)[0][0] == 0  # nobody approves their own
    workflow.approve(secretary1, revision)
    assert lines(secretary1)[0][0] == 0
