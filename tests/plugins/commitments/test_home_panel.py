"""The home page's 承诺践诺 panel is kept per audience; every change shows at once."""

import re

from django.contrib.auth.models import Group
from django.utils import timezone

from notifications.api import notify
from notifications.kinds import WORKFLOW_TASK
from plugins.commitments import tracking
from plugins.commitments.choices import DONE

from .factories import published_pledge


def panel(client):
    """(items, done) from the panel's summary line, and the page's unread count."""
    html = client.get("/").content.decode()
    items, done = re.search(r"公开承诺事项 <strong>(\d+)</strong> 项，已完成 <strong>(\d+)</strong>",
                            html).groups()
    unread = re.search(r'data-unread="(\d+)"', html)
    return int(items), int(done), int(unread.group(1)) if unread else 0


def test_each_audience_sees_its_own_figures(client, site_tree, period, member1, member2):
    published_pledge(site_tree.branch1, period, n=3)
    published_pledge(site_tree.branch1, period, member=member1, n=2, scope="organisation")
    published_pledge(site_tree.branch2, period, n=1, scope="party")
    assert panel(client)[:2] == (3, 0)  # the public: 向社会公开 only
    client.force_login(member1)
    assert panel(client)[:2] == (6, 0)  # 党内 and 本支部 too
    client.force_login(member2)  # another branch: not branch 1's 本组织 items
    assert panel(client)[:2] == (4, 0)
    client.logout()
    assert panel(client)[:2] == (3, 0)  # the member's copy is never the public's


def test_a_member_sees_their_own_change_at_once(client, site_tree, period, member1):
    pledge = published_pledge(site_tree.branch1, period, member=member1, n=2,
                              scope="organisation")
    client.force_login(member1)
    assert panel(client) == (2, 0, 0)
    tracking.record_progress(member1, pledge.items.first(), timezone.localdate(), "完成", DONE,
                             100)
    assert panel(client)[:2] == (2, 1)
    published_pledge(site_tree.branch1, period, n=3)
    assert panel(client)[:2] == (5, 1)
    notify([member1], WORKFLOW_TASK, "新消息")  # the header's count is never kept
    assert panel(client) == (5, 1, 1)


def test_joining_a_branch_shows_its_items_at_once(client, site_tree, period, member2):
    """Group membership is no plugin write; the audience key follows it."""
    published_pledge(site_tree.branch1, period, n=2, scope="organisation")
    client.force_login(member2)
    assert panel(client)[:2] == (0, 0)
    member2.groups.add(Group.objects.get(pk=site_tree.branch1.members_group_id))
    assert panel(client)[:2] == (2, 0)
