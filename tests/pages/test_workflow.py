"""The Art. 15 procedure: 提出 → 保密审查 → 审批 → 实施, and nobody approves their own work."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from pages.roles import APPROVERS, EDITORS, REVIEWERS, WORKFLOW_NAME
from tests.factories import NoticePageFactory, UserFactory


@pytest.fixture
def people(site_tree):
    def staff(username, *groups):
        return UserFactory(username=username, groups=[Group.objects.get(name=g) for g in groups])

    return {
        "editor": staff("editor", EDITORS),
        "reviewer": staff("reviewer", REVIEWERS),
        "approver": staff("approver", APPROVERS),
        # Someone who drafts and also sits in the reviewer group.
        "editor_reviewer": staff("editor-reviewer", EDITORS, REVIEWERS),
    }


@pytest.fixture
def draft(site_tree):
    notice = NoticePageFactory(parent=site_tree.notices, title="关于开展主题党日活动的通知",
                               live=False)
    return notice


def submit(page, user):
    page.save_revision(user=user)
    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW_NAME
    return workflow.start(page, user)


def act(state, user, action="approve", comment=""):
    state.refresh_from_db()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    state.refresh_from_db()
    return state


def test_notices_follow_review_then_approval(people, draft):
    state = submit(draft, people["editor"])
    assert state.current_task_state.task.name == "保密审查"
    # The approver cannot act on the review step, the reviewer can.
    page = draft.specific
    assert state.current_task_state.task.specific.get_actions(page, people["approver"]) == []
    assert state.current_task_state.task.specific.get_actions(page, people["reviewer"])
    act(state, people["reviewer"], comment="未发现涉密信息")
    assert state.current_task_state.task.name == "审批"
    draft.refresh_from_db()
    assert not draft.live
    act(state, people["approver"], comment="同意公开")
    assert state.status == WorkflowState.STATUS_APPROVED
    draft.refresh_from_db()
    assert draft.live


def test_nobody_approves_their_own_submission(people, draft):
    own = people["editor_reviewer"]
    state = submit(draft, own)
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(draft.specific, own) == []
    assert not task.get_task_states_user_can_moderate(own).exists()
    assert task.get_task_states_user_can_moderate(people["reviewer"]).exists()
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, own, "approve")
    state.refresh_from_db()
    assert state.current_task_state.task.name == "保密审查"


def test_self_approval_is_refused_through_the_admin(client, people, draft):
    own = people["editor_reviewer"]
    state = submit(draft, own)
    client.force_login(own)
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=(draft.pk, "approve", state.current_task_state.pk))
    response = client.post(url, {})
    assert response.status_code in (302, 403)
    state.refresh_from_db()
    assert state.current_task_state.task.name == "保密审查"
    draft.refresh_from_db()
    assert not draft.live


def test_comments_and_decisions_are_kept_in_the_history(client, people, draft):
    state = submit(draft, people["editor"])
    act(state, people["reviewer"], comment="未发现涉密信息")
    act(state, people["approver"], comment="同意公开")
    actions = list(PageLogEntry.objects.filter(page=draft).values_list("action", flat=True))
    assert "wagtail.workflow.start" in actions
    assert actions.count("wagtail.workflow.approve") == 2
    assert "wagtail.publish" in actions
    comments = [e.data.get("comment") for e in PageLogEntry.objects.filter(
        page=draft, action="wagtail.workflow.approve")]
    assert {"未发现涉密信息", "同意公开"} <= set(comments)
    admin = UserFactory(username="boss", is_superuser=True, is_staff=True)
    client.force_login(admin)
    history = client.get(reverse("wagtailadmin_pages:history", args=(draft.pk,)))
    assert history.status_code == 200


def test_rejection_sends_the_notice_back(people, draft):
    state = submit(draft, people["editor"])
    act(state, people["reviewer"], action="reject", comment="附件含个人身份证号，请删除")
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    draft.refresh_from_db()
    assert not draft.live


def test_no_staff_role_can_publish_around_the_procedure(people, site_tree):
    from wagtail.models import Page

    section = Page.objects.get(pk=site_tree.notices.pk)
    editor_perms = section.permissions_for_user(people["editor"])
    assert editor_perms.can_add_subpage() and editor_perms.can_edit()
    for role in ("editor", "reviewer", "approver", "editor_reviewer"):
        assert not section.permissions_for_user(people[role]).can_publish(), role
        assert not section.permissions_for_user(people[role]).can_publish_subpage(), role
