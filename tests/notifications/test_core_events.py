"""Core events: a page waits for my 审核/审批, my submission approved or returned (with the
comment), 换届 due within 90 days -- and the scheduled command that raises the dated ones."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from notifications.kinds import ELECTION_DUE, WORKFLOW_DECISION, WORKFLOW_TASK
from notifications.models import Notification
from pages.models import BranchCommitteeMember
from pages.roles import APPROVERS, EDITORS, REVIEWERS
from portal.plugins import registry
from tests.factories import NoticePageFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(site_tree):
    def make(username, *groups):
        return UserFactory(username=username, groups=[Group.objects.get(name=g) for g in groups])

    return {"editor": make("editor", EDITORS), "reviewer": make("reviewer", REVIEWERS),
            "reviewer2": make("reviewer2", REVIEWERS), "approver": make("approver", APPROVERS),
            "editor_reviewer": make("editor-reviewer", EDITORS, REVIEWERS)}


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def act(state, user, action="approve", comment=""):
    state.refresh_from_db()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)
    state.refresh_from_db()
    return state


def titles(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind)
                .order_by("created", "id").values_list("title", flat=True))


def test_task_waits_for_the_group_never_the_submitter(site_tree, staff):
    draft = NoticePageFactory(parent=site_tree.notices, title="关于主题党日的通知", live=False)
    state = submit(draft, staff["editor_reviewer"])
    assert titles(staff["reviewer"], WORKFLOW_TASK) == ["《关于主题党日的通知》待您保密审查"]
    assert titles(staff["reviewer2"], WORKFLOW_TASK) == ["《关于主题党日的通知》待您保密审查"]
    assert titles(staff["editor_reviewer"], WORKFLOW_TASK) == []  # own submission
    assert titles(staff["approver"], WORKFLOW_TASK) == []  # not yet their step
    act(state, staff["reviewer"])
    assert titles(staff["approver"], WORKFLOW_TASK) == ["《关于主题党日的通知》待您审批"]


def test_submitter_hears_of_return_with_comment(site_tree, staff):
    draft = NoticePageFactory(parent=site_tree.notices, title="关于党费收缴的通知", live=False)
    state = submit(draft, staff["editor"])
    act(state, staff["reviewer"], action="reject", comment="第三段含内部联系方式，请删除")
    [n] = Notification.objects.filter(recipient=staff["editor"], kind=WORKFLOW_DECISION)
    assert n.title == "您提交的《关于党费收缴的通知》已被退回修改"
    assert "第三段含内部联系方式，请删除" in n.body
    assert n.link.startswith("/admin/pages/")


def test_submitter_hears_of_approval(site_tree, staff):
    draft = NoticePageFactory(parent=site_tree.notices, title="关于评选优秀党员的通知", live=False)
    state = submit(draft, staff["editor"])
    act(state, staff["reviewer"])
    act(state, staff["approver"], comment="同意公开")
    [n] = Notification.objects.filter(recipient=staff["editor"], kind=WORKFLOW_DECISION)
    assert n.title == "您提交的《关于评选优秀党员的通知》已审批通过"
    assert "同意公开" in n.body
    draft.refresh_from_db()
    assert n.link == draft.url


def _secretary(branch, username):
    user = member_of(branch, username=username)
    BranchCommitteeMember.objects.create(branch=branch, name=username, role="secretary",
                                         user=user)
    return user


def test_election_due_within_90_days_told_once(site_tree):
    today = timezone.localdate()
    secretary = _secretary(site_tree.branch1, "sec1")
    other = _secretary(site_tree.branch2, "sec2")
    branch1 = site_tree.branch1
    branch1.term_start = today.replace(year=today.year - 3) + dt.timedelta(days=60)
    branch1.save_revision().publish()
    branch2 = site_tree.branch2
    branch2.term_start = today.replace(year=today.year - 3) + dt.timedelta(days=120)
    branch2.save_revision().publish()
    out = StringIO()
    call_command("run_scheduled", "--only", "pages.elections_due", stdout=out)
    [title] = titles(secretary, ELECTION_DUE)
    assert title.startswith("第一党支部应于") and "还有" in title
    assert titles(other, ELECTION_DUE) == []  # due in 120 days
    call_command("run_scheduled", "--only", "pages.elections_due", stdout=StringIO())
    assert len(titles(secretary, ELECTION_DUE)) == 1
    assert "换届提醒1条" in out.getvalue()


def test_command_lists_and_refuses_unknown_tasks():
    out = StringIO()
    call_command("run_scheduled", "--list", stdout=out)
    names = out.getvalue()
    plugin_tasks = [task.name for task in registry.scheduled_tasks()]
    for name in ["pages.elections_due", "notifications.digest", "notifications.retry",
                 *plugin_tasks]:
        assert name in names
    with pytest.raises(CommandError, match="没有名为"):
        call_command("run_scheduled", "--only", "no.such.task")


def test_a_failing_task_does_not_stop_the_others(monkeypatch):
    from notifications import due_events

    def broken(now=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(due_events, "elections_due", broken)
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("run_scheduled", stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert "pages.elections_due" in err.getvalue()
    assert "[完成] notifications.retry" in out.getvalue()


def test_digest_waits_for_the_digest_hour(settings, member1):
    from notifications.api import notify
    from notifications.models import NotificationPreference
    from notifications.scheduled import run_digests

    settings.PORTAL_DIGEST_HOUR = 7
    NotificationPreference.objects.create(user=member1, kind=ELECTION_DUE, delivery="digest")
    notify([member1], ELECTION_DUE, "待汇总")
    local = timezone.localtime()
    early = local.replace(hour=6, minute=0) + dt.timedelta(days=1)
    assert run_digests(early) == "未到每日汇总时间"
    later = local.replace(hour=8, minute=0) + dt.timedelta(days=1)
    assert run_digests(later) == "汇总邮件1人"
    assert run_digests(later + dt.timedelta(minutes=10)) == "汇总邮件0人"


def test_registry_collects_plugin_kinds_and_tasks():
    from portal.plugins import NotificationKind, Plugin, PluginRegistry, ScheduledTask

    reg = PluginRegistry()
    kind = NotificationKind("x.event", "甲事件", "digest")
    task = ScheduledTask("x.task", "甲任务", lambda now: "ok")
    reg.register(Plugin(label="x", name="甲", notification_kinds=[kind], scheduled_tasks=[task]))
    reg.register(Plugin(label="y", name="乙"))  # older plugins declare neither
    assert reg.notification_kinds() == [kind] and reg.scheduled_tasks() == [task]


def test_every_enabled_plugin_kind_is_offered_in_preferences():
    from notifications.kinds import all_kinds
    from portal.plugins import NotificationKind, Plugin

    core = {WORKFLOW_TASK, WORKFLOW_DECISION, ELECTION_DUE}
    assert core | {k.code for k in registry.notification_kinds()} <= {k.code for k in all_kinds()}
    registry.register(Plugin(label="kind-test", name="甲",
                             notification_kinds=[NotificationKind("kind-test.x", "甲事件")]))
    try:
        assert "kind-test.x" in {k.code for k in all_kinds()}
    finally:
        registry.unregister("kind-test")
    assert "kind-test.x" not in {k.code for k in all_kinds()}


@pytest.mark.requires_plugin("commitments", "meetings", "reviews")
def test_the_bundled_plugins_kinds_are_offered():
    from notifications.kinds import all_kinds

    assert {"commitments.review", "commitments.decision", "commitments.comment",
            "meetings.overdue", "reviews.rectification",
            "reviews.campaign"} <= {k.code for k in all_kinds()}


def test_a_pass_while_another_runs_skips_its_turn(settings, tmp_path):
    """Two overlapping passes (cron every 10 minutes, a digest that takes longer) never run
    the tasks twice: the second finds the lock held and does nothing."""
    import fcntl

    settings.VAR_DIR = tmp_path
    with open(tmp_path / "run_scheduled.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        out = StringIO()
        call_command("run_scheduled", stdout=out)
        assert "本轮跳过" in out.getvalue() and "[完成]" not in out.getvalue()
    out = StringIO()
    call_command("run_scheduled", "--only", "pages.elections_due", stdout=out)
    assert "[完成]" in out.getvalue()
