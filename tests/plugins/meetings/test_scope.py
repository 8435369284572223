"""Who sees minutes: the organisation's members, its superiors, its observers and staff.
The public sees only counts."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse

from plugins.meetings import scope
from plugins.meetings.models import MeetingAttachment, MeetingRecord, ObserverGroup
from tests.factories import UserFactory

from .conftest import make_record

SECRET_TOPIC = "讨论预备党员转正事项"


@pytest.fixture
def minutes(site_tree):
    record = make_record(site_tree.branch1, "party_congress", topic=SECRET_TOPIC)
    attachment = MeetingAttachment(record=record, kind="document", title="票决记录.pdf")
    attachment.file.save("vote.pdf", ContentFile(b"%PDF votes"), save=False)
    attachment.save()
    other = make_record(site_tree.branch2, "committee", topic="第二支部支委会")
    return record, attachment, other


def _urls(record, attachment):
    return [reverse("meetings:detail", args=[record.pk]),
            reverse("meetings:print", args=[record.pk]),
            reverse("meetings:attachment", args=[attachment.pk]),
            reverse("meetings:organisation", args=[record.organisation_id])]


def test_public_sees_counts_but_no_minutes(client, minutes):
    record, attachment, _ = minutes
    index = client.get(reverse("meetings:index")).content.decode()
    assert "支部党员大会" in index and SECRET_TOPIC not in index
    home = client.get("/").content.decode()
    assert "“三会一课”开展情况" in home and SECRET_TOPIC not in home
    for url in _urls(record, attachment):
        response = client.get(url)
        assert response.status_code == 302 and "/member/login/" in response["Location"]
    assert client.get(reverse("meetings:overview")).status_code == 302
    assert client.get(reverse("meetings:export")).status_code == 302


def test_members_see_their_own_organisation_only(client, minutes, member1, member2):
    record, attachment, other = minutes
    client.force_login(member1)
    for url in _urls(record, attachment):
        assert client.get(url).status_code == 200, url
    assert b"%PDF votes" == b"".join(client.get(_urls(record, attachment)[2]).streaming_content)
    assert client.get(reverse("meetings:detail", args=[other.pk])).status_code == 404
    client.force_login(member2)
    for url in _urls(record, attachment):
        assert client.get(url).status_code == 404, url
    page = client.get(reverse("meetings:organisation", args=[other.organisation_id]))
    assert "第二支部支委会" in page.content.decode()


def test_superior_organisation_sees_every_branch(client, minutes, committee_member):
    record, attachment, other = minutes
    client.force_login(committee_member)
    for url in _urls(record, attachment):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("meetings:detail", args=[other.pk])).status_code == 200
    overview = client.get(reverse("meetings:overview")).content.decode()
    assert "第一党支部" in overview and "第二党支部" in overview


def test_overview_for_a_branch_member_lists_only_visible_organisations(client, minutes, member1):
    client.force_login(member1)
    overview = client.get(reverse("meetings:overview")).content.decode()
    assert "第一党支部" in overview and "第二党支部" not in overview


def test_logged_in_outsider_is_refused(client, minutes, outsider):
    record, attachment, _ = minutes
    client.force_login(outsider)
    for url in _urls(record, attachment):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("meetings:overview")).status_code == 403


def test_staff_with_permission_see_everything(client, minutes):
    record, attachment, other = minutes
    staff = UserFactory(username="auditor")
    staff.user_permissions.add(Permission.objects.get(codename="view_meetingrecord"))
    client.force_login(staff)
    for url in _urls(record, attachment):
        assert client.get(url).status_code == 200, url
    assert scope.visible_records(staff).count() == 2


def test_observers_see_the_observed_organisation_for_their_year(client, minutes, site_tree):
    record, attachment, other = minutes
    observer = UserFactory(username="observer")
    group = ObserverGroup.objects.create(organisation=site_tree.branch1, year=record.year,
                                         members=[observer, UserFactory(username="observer2")])
    client.force_login(observer)
    assert client.get(reverse("meetings:detail", args=[record.pk])).status_code == 200
    assert client.get(reverse("meetings:detail", args=[other.pk])).status_code == 404
    group.year = record.year - 1
    group.save()
    assert client.get(reverse("meetings:detail", args=[record.pk])).status_code == 404


def test_scope_helpers(site_tree, minutes, member1, committee_member, secretary):
    record, _, other = minutes
    assert set(scope.visible_records(member1)) == {record}
    assert set(scope.visible_records(committee_member)) == {record, other}
    assert scope.visible_records(None).count() == 0
    assert scope.can_enter(secretary, site_tree.branch1)
    assert not scope.can_enter(secretary, site_tree.branch2)
    assert not scope.can_enter(member1, site_tree.branch1)


def test_minutes_are_kept_out_of_search():
    """No search provider and no search index: minutes cannot leak through site search."""
    from wagtail.search.index import Indexed

    from plugins.meetings.models import MeetingRecord
    from portal.plugins import registry

    plugin = registry.get("meetings")
    assert not getattr(plugin, "search_providers", None)
    assert not issubclass(MeetingRecord, Indexed)


def test_out_of_scope_answers_exactly_as_a_missing_id(client, minutes, member2):
    """docs/plugins.md: restricted objects answer 404, so ids reveal nothing -- the same
    status and page as an id that never existed, for every record view; anonymous
    visitors are sent to log in whether the id exists or not."""
    record, attachment, _ = minutes
    missing = MeetingRecord.objects.order_by("-pk").first().pk + 1000
    views = ["meetings:detail", "meetings:print", "meetings:edit", "meetings:evaluate",
             "meetings:attachment", "meetings:retained"]
    for name in views:
        client.logout()
        for pk in (record.pk if "record" in reverse(name, args=[1]) else attachment.pk, missing):
            response = client.get(reverse(name, args=[pk]))
            assert response.status_code == 302 and "/member/login/" in response["Location"]
        client.force_login(member2)
        hidden = client.get(reverse(name, args=[
            record.pk if "record" in reverse(name, args=[1]) else attachment.pk]))
        absent = client.get(reverse(name, args=[missing]))
        assert hidden.status_code == absent.status_code == 404, name
    client.force_login(member2)
    org = client.get(reverse("meetings:organisation", args=[record.organisation_id]))
    assert org.status_code == 404
