"""The admin dashboard's 待办 panel: one hook, lines from the core and from every plugin."""

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail import hooks

from pages.roles import EDITORS, REVIEWERS
from portal.plugins import TodoItem
from portal.todo import HOOK, todo_items
from tests.factories import NoticePageFactory, UserFactory

from .test_workflow import submit


@pytest.fixture
def reviewer(site_tree):
    return UserFactory(username="reviewer", groups=[Group.objects.get(name=REVIEWERS)])


def submitted_notice(site_tree, title="待审核的通知"):
    editor = UserFactory(username=f"editor-{title}", groups=[Group.objects.get(name=EDITORS)])
    notice = NoticePageFactory(parent=site_tree.notices, title=title, live=False)
    submit(notice, editor)
    return notice


def test_dashboard_shows_pages_waiting_for_my_review(client, reviewer, site_tree):
    client.force_login(reviewer)
    body = client.get("/admin/").content.decode()
    assert "data-portal-todo" in body and "暂无待办事项" in body

    submitted_notice(site_tree, "通知一")
    submitted_notice(site_tree, "通知二")
    body = client.get("/admin/").content.decode()
    assert "<strong>2</strong> 项内容待您审核/审批" in body
    assert "/admin/reports/workflow_tasks/?status=in_progress" in body


def test_lines_with_nothing_waiting_are_left_out(reviewer, site_tree):
    request = RequestFactory().get("/admin/")
    request.user = reviewer
    labels = [item.label for item in todo_items(request)]
    assert "项内容待您审核/审批" not in labels


def test_any_app_can_add_a_line_through_the_hook(reviewer, site_tree):
    request = RequestFactory().get("/admin/")
    request.user = reviewer

    def extra(request):
        return [TodoItem(3, "条测试待办", "/admin/test/"), TodoItem(0, "条不显示", "/x/")]

    with hooks.register_temporarily(HOOK, extra):
        items = todo_items(request)
    assert [(i.count, i.label) for i in items if i.url.startswith("/admin/test/")] == [
        (3, "条测试待办")]
    assert all(i.label != "条不显示" for i in items)
