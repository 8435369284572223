"""The demo site's rosters: each 党支部 as big as its profile says, and 应到 in the demo
三会一课 records equal to the roster (实到 plus 缺席 add up to it)."""

import pytest
from django.core.management import call_command

from pages.demo.organisations import BRANCHES
from pages.models import BranchPage
from roster.models import RosterEntry


def load_demo(settings):
    settings.ENABLE_DEMO_ACCOUNTS = True
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_demo_rosters(db, settings):
    load_demo(settings)
    before = RosterEntry.objects.count()
    load_demo(settings)
    assert RosterEntry.objects.count() == before  # a rerun adds nobody
    for data in BRANCHES:
        page = BranchPage.objects.get(slug=data["slug"])
        assert RosterEntry.objects.filter(organisation=page).count() == data["member_count"]
        assert page.members_total == data["member_count"]
    branch = BranchPage.objects.get(slug="branch-1")
    # The 书记's account is linked to the 书记's entry by the core demo, plugins or none.
    secretary = RosterEntry.objects.get(organisation=branch, name="赵志刚")
    assert secretary.user.username == "secretary1"


@pytest.mark.requires_plugin("meetings")
def test_demo_meetings_expect_the_roster(db, settings):
    from plugins.meetings.expected import expected_count
    from plugins.meetings.models import MeetingRecord

    load_demo(settings)
    branch = BranchPage.objects.get(slug="branch-1")
    records = MeetingRecord.objects.filter(organisation=branch).prefetch_related("absences")
    assert records.exists()
    for record in records:
        accounted = len(record.attendee_names()) + len(record.absences.all())
        expected = expected_count(record, accounted, 0)
        if record.meeting_type == "committee":
            assert expected == branch.committee.count() == accounted
        else:
            assert expected == 32 == accounted, record
