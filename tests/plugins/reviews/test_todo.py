"""Open 整改 items reach the 待办 panel of those who track them."""

import datetime as dt

from django.contrib.auth.models import Permission
from django.test import RequestFactory

from plugins.reviews.constants import RECTIFY_DONE
from plugins.reviews.models import Rectification
from portal.plugins import registry
from tests.factories import UserFactory

from .conftest import make_campaign


def lines(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return [(i.count, i.label) for i in registry.get("reviews").todo_items(request)]


def test_open_rectifications_are_counted_for_those_who_track_them(site_tree):
    campaign = make_campaign(site_tree)
    target = campaign.targets.first()
    for problem, status in [("甲", None), ("乙", None), ("丙", RECTIFY_DONE)]:
        item = Rectification(campaign=campaign, target=target, problem=problem, measure="措施",
                             deadline=dt.date(2026, 6, 30))
        if status:
            item.status = status
        item.save()
    nobody = UserFactory(username="nobody")
    assert lines(nobody) == []
    tracker = UserFactory(username="tracker")
    tracker.user_permissions.add(Permission.objects.get(codename="change_rectification"))
    tracker = type(tracker).objects.get(pk=tracker.pk)
    assert lines(tracker) == [(2, "项群众评议整改事项未完成")]
