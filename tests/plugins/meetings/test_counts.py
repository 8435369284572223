"""The monthly counts the dashboards read stay equal to the records on every write path."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from plugins.meetings.compliance import compliance_for, monthly_counts
from plugins.meetings.counts import mismatches
from plugins.meetings.models import MeetingRecord, MonthlyCount

from .conftest import at, make_record


def _months(org, year, meeting_type):
    months = monthly_counts([org.pk], year).get((org.pk, meeting_type))
    return None if months is None else list(months)


def test_saving_voiding_moving_and_deleting_keep_the_counts(site_tree):
    branch1, branch2 = site_tree.branch1, site_tree.branch2
    first = make_record(branch1, "committee", at(2025, 3, 6))
    make_record(branch1, "committee", at(2025, 3, 20))
    assert _months(branch1, 2025, "committee") == [0, 0, 2] + [0] * 9

    first.start, first.end = at(2025, 4, 6), at(2025, 4, 6, 16)
    first.save()
    assert _months(branch1, 2025, "committee") == [0, 0, 1, 1] + [0] * 8
    first.start, first.end = at(2024, 12, 30), at(2024, 12, 30, 16)  # another year
    first.save()
    assert _months(branch1, 2025, "committee") == [0, 0, 1] + [0] * 9
    assert _months(branch1, 2024, "committee") == [0] * 11 + [1]
    first.organisation = branch2  # another organisation
    first.save()
    assert _months(branch1, 2024, "committee") is None
    assert _months(branch2, 2024, "committee") == [0] * 11 + [1]
    first.voided = True  # withdrawn records do not count
    first.save()
    assert _months(branch2, 2024, "committee") is None

    unversioned = MeetingRecord.objects.create(
        organisation=branch1, meeting_type="group", start=at(2025, 5, 1), end=at(2025, 5, 1, 16),
        topic="未登记", place="会议室", host="甲", recorder="乙", content="内容")
    assert _months(branch1, 2025, "group")[4] == 1
    unversioned.delete()
    assert _months(branch1, 2025, "group") is None
    assert mismatches() == []


def test_queryset_update_and_bulk_create_keep_the_counts(site_tree, client, member1):
    branch1 = site_tree.branch1
    record = make_record(branch1, "lecture", at(2025, 6, 6))
    MeetingRecord.objects.bulk_create([MeetingRecord(
        organisation=branch1, meeting_type="lecture", start=at(2025, m, 9), end=at(2025, m, 9, 16),
        topic=f"党课{m}", place="会议室", host="甲", recorder="乙", content="内容")
        for m in (1, 2)])
    assert _months(branch1, 2025, "lecture") == [1, 1, 0, 0, 0, 1] + [0] * 6
    assert compliance_for([branch1], 2025)[0].rules[3].held == 3
    client.force_login(member1)
    url = reverse("meetings:organisation", args=[branch1.pk])
    assert client.get(url, {"year": 2025}).status_code == 200  # cached from here on

    MeetingRecord.objects.filter(pk=record.pk).update(voided=True)
    assert _months(branch1, 2025, "lecture") == [1, 1] + [0] * 10
    page = client.get(reverse("meetings:overview"), {"year": 2025}).content.decode()
    assert "<td class=\"mtg-num\">2</td>" in page  # the cached overview was replaced
    MeetingRecord.objects.filter(topic="党课1").update(start=at(2025, 8, 9), end=at(2025, 8, 9, 16))
    assert _months(branch1, 2025, "lecture") == [0, 1] + [0] * 5 + [1] + [0] * 4
    MeetingRecord.objects.filter(meeting_type="lecture").update(organisation=site_tree.branch2)
    assert _months(branch1, 2025, "lecture") is None
    assert mismatches() == []


def test_counts_written_behind_the_systems_back_are_reported_and_rebuilt(site_tree):
    make_record(site_tree.branch1, "committee", at(2025, 3, 6))
    row = MonthlyCount.objects.get()
    row.months = [5] * 12
    row.save()
    with pytest.raises(CommandError, match="发现1处问题"):
        call_command("verify_records", stdout=io.StringIO())
    out = io.StringIO()
    call_command("rebuild_meeting_counts", stdout=out)
    assert "共 1 行" in out.getvalue()
    assert MonthlyCount.objects.get().months == [0, 0, 1] + [0] * 9
    call_command("verify_records", stdout=io.StringIO())
