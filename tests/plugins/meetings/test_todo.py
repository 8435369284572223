"""Overdue organisational life reaches the 待办 panel of those who enter the minutes."""

import datetime as dt
from types import SimpleNamespace

from django.test import RequestFactory

from portal.plugins import registry

from .conftest import at, make_record


def lines(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [(i.count, i.label, i.url) for i in registry.get("meetings").todo_items(request)]


def test_secretary_sees_what_is_overdue_in_her_branch(secretary, outsider, site_tree,
                                                     monkeypatch):
    # Mid-November: ten monthly 支委会 are overdue in a branch that has held none.
    monkeypatch.setattr("plugins.meetings.reminders.timezone",
                        SimpleNamespace(localdate=lambda: dt.date(2026, 11, 15)))
    assert lines(outsider) == []  # enters minutes for no organisation
    (count, label, url), = lines(secretary)
    assert count > 10
    assert label == "项组织生活逾期未开（三会一课）" and url == "/meetings/"
    make_record(site_tree.branch1, "committee", start=at(2026, 3, 10))
    (after, _, _), = lines(secretary)
    assert after == count - 1
