"""The demo site's rosters: each 党支部 as big as its profile says, and 应到 in the demo
三会一课 records equal to the roster (实到 plus 缺席 add up to it)."""

from django.core.management import call_command

from pages.demo.organisations import BRANCHES
from pages.models import BranchPage
from plugins.meetings.expected import expected_count
from plugins.meetings.models import MeetingRecord
from roster.models import RosterEntry


def test_demo_rosters_and_expected_counts(db, settings):
    settings.ENABLE_DEMO_ACCOUNTS = True
    call_command("load_demo", stdout=open("/dev/null", "w"))
    before = RosterEntry.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert RosterEntry.objects.count() == before  # a rerun adds nobody
    for data in BRANCHES:
        page = BranchPage.objects.get(slug=data["slug"])
        assert RosterEntry.objects.filter(organisation=page).count() == data["member_count"]
        assert page.members_total == data["member_count"]
    branch = BranchPage.objects.get(slug="branch-1")
    assert RosterEntry.objects.filter(organisation=branch, user__isnull=False).exists()
    records = MeetingRecord.objects.filter(organisation=branch).prefetch_related("absences")
    assert records.exists()
    for record in records:
        accounted = len(record.attendee_names()) + len(record.absences.all())
        expected = expected_count(record, accounted, 0)
        if record.meeting_type == "committee":
            assert expected == branch.committee.count() == accounted
        else:
            assert expected == 32 == accounted, record
