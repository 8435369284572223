"""应到 in a record comes from the core roster, with fallbacks where there is none."""

import datetime as dt

from django.urls import reverse

from roster.models import PartyGroup
from tests.roster.factories import RosterEntryFactory

from .conftest import at, make_record


def expected_on_page(client, record):
    body = client.get(reverse("meetings:detail", args=[record.pk])).content.decode()
    return body.split("应到人数</th><td>")[1].split("人")[0]


def test_expected_is_the_roster_on_the_meeting_day(client, site_tree, secretary):
    branch = site_tree.branch1
    for _n in range(5):
        RosterEntryFactory(organisation=branch, joined_on=dt.date(2010, 7, 1))
    RosterEntryFactory(organisation=branch, joined_on=dt.date(2026, 6, 1))  # joined later
    record = make_record(branch, "party_congress", start=at(2026, 3, 10), user=secretary)
    record.attendees.add(secretary)
    client.force_login(secretary)
    assert expected_on_page(client, record) == "5"
    later = make_record(branch, "party_congress", start=at(2026, 9, 10), user=secretary)
    assert expected_on_page(client, later) == "6"


def test_group_meeting_counts_the_named_group(client, site_tree, secretary):
    branch = site_tree.branch1
    group = PartyGroup.objects.create(organisation=branch, name="第一党小组")
    RosterEntryFactory.create_batch(3, organisation=branch, party_group=group)
    RosterEntryFactory.create_batch(4, organisation=branch)
    record = make_record(branch, "group", start=at(2026, 3, 10), topic="第一党小组学习会",
                         user=secretary)
    client.force_login(secretary)
    assert expected_on_page(client, record) == "3"


def test_committee_meeting_counts_committee_seats(client, site_tree, secretary):
    RosterEntryFactory.create_batch(4, organisation=site_tree.branch1)
    record = make_record(site_tree.branch1, "committee", start=at(2026, 3, 10), user=secretary)
    client.force_login(secretary)
    assert expected_on_page(client, record) == "1"  # the 书记 is the only seat recorded


def test_without_a_roster_the_profile_count_is_used(client, site_tree, secretary):
    site_tree.branch1.member_count = 32
    site_tree.branch1.save()
    record = make_record(site_tree.branch1, "party_congress", start=at(2026, 3, 10),
                         user=secretary)
    client.force_login(secretary)
    assert expected_on_page(client, record) == "32"
