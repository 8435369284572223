"""阅知: marking a notice for an audience, members confirming 已阅 within their scope,
secretaries seeing (and exporting) who has read it, reminders by preference."""

import datetime as dt
import io
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from acknowledgements.models import ALL_MEMBERS, ORGANISATIONS, ReadConfirmation, ReadRequest
from acknowledgements.reminders import run as run_reminders
from notifications.kinds import READ_REQUEST
from notifications.models import Notification, NotificationPreference
from pages.models import BranchCommitteeMember
from pages.roles import EDITORS
from tests.factories import NoticePageFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary1(site_tree):
    user = member_of(site_tree.branch1, username="secretary1", first_name="赵志刚")
    BranchCommitteeMember.objects.create(branch=site_tree.branch1, name="赵志刚",
                                         role="secretary", user=user)
    return user


def mark(page, audience=ALL_MEMBERS, organisations=(), **fields):
    read_request = ReadRequest(page=page, audience=audience, **fields)
    read_request.save()
    read_request.organisations.set(organisations)
    read_request.save()
    return read_request


def told(user):
    return list(Notification.objects.filter(recipient=user, kind=READ_REQUEST)
                .values_list("title", flat=True))


def test_member_sees_confirms_and_is_counted(client, site_tree, member1, secretary1,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        read_request = mark(site_tree.public_notice)
    assert told(member1) == [f"请阅知：《{site_tree.public_notice.title}》"]
    client.force_login(member1)
    home = client.get(reverse("members:home")).content.decode()
    assert site_tree.public_notice.title in home and "未阅" in home
    detail = reverse("acknowledgements:detail", args=[read_request.pk])
    assert "确认已阅" in client.get(detail).content.decode()
    assert client.get(reverse("acknowledgements:confirm", args=[read_request.pk])).status_code == 405
    response = client.post(reverse("acknowledgements:confirm", args=[read_request.pk]), follow=True)
    assert "已确认阅知" in response.content.decode()
    assert ReadConfirmation.objects.filter(request=read_request, user=member1).count() == 1
    again = client.post(reverse("acknowledgements:confirm", args=[read_request.pk]), follow=True)
    assert "此前已确认" in again.content.decode()
    assert ReadConfirmation.objects.filter(request=read_request).count() == 1
    # the inbox item is read too
    assert not Notification.objects.filter(recipient=member1, kind=READ_REQUEST, read_at=None).exists()


def test_a_member_never_sees_a_notice_outside_their_scope(client, site_tree, member1, member2,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        read_request = mark(site_tree.branch1_notice)  # 本组织公开 (第一党支部), audience all
    assert told(member1) and told(member2) == []
    client.force_login(member2)
    assert site_tree.branch1_notice.title not in client.get(reverse("members:home")).content.decode()
    assert site_tree.branch1_notice.title not in client.get(
        reverse("acknowledgements:my_list")).content.decode()
    assert client.get(reverse("acknowledgements:detail", args=[read_request.pk])).status_code == 404
    assert client.post(reverse("acknowledgements:confirm", args=[read_request.pk])).status_code == 404
    assert not ReadConfirmation.objects.exists()


def test_organisation_audience_includes_suborganisations_only(client, site_tree, member1, member2,
                                                              django_capture_on_commit_callbacks):
    committee_member = member_of(site_tree.committee, username="dangwei")
    with django_capture_on_commit_callbacks(execute=True):
        mark(site_tree.party_notice, audience=ORGANISATIONS, organisations=[site_tree.branch1])
    assert told(member1) and told(member2) == [] and told(committee_member) == []
    with django_capture_on_commit_callbacks(execute=True):
        mark(site_tree.public_notice, audience=ORGANISATIONS, organisations=[site_tree.committee])
    assert len(told(member1)) == 2 and len(told(member2)) == 1 and len(told(committee_member)) == 1


def test_unpublished_notice_is_announced_when_published(site_tree, member1,
                                                        django_capture_on_commit_callbacks):
    draft = NoticePageFactory(parent=site_tree.notices, title="关于学习党章的通知", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        mark(draft)
    assert told(member1) == []
    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()
    assert told(member1) == ["请阅知：《关于学习党章的通知》"]


def test_secretary_sees_who_has_read_and_exports(client, site_tree, member1, member2, secretary1):
    member1.first_name = "=HYPERLINK(\"x\")"
    member1.save()
    read_request = mark(site_tree.public_notice)
    ReadConfirmation.objects.create(request=read_request, user=secretary1)
    client.force_login(secretary1)
    page = client.get(reverse("acknowledgements:status", args=[read_request.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-username="member1" data-state="未阅"' in text
    assert 'data-username="secretary1" data-state="已阅"' in text
    assert 'data-username="member2"' not in text  # another branch's member
    response = client.get(reverse("acknowledgements:export", args=[read_request.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2] == ("姓名", "用户名", "所在党组织", "阅知状态", "确认时间")
    by_user = {r[1]: r for r in rows[3:]}
    assert set(by_user) == {"member1", "secretary1"}
    assert by_user["member1"][3] == "未阅" and by_user["secretary1"][3] == "已阅"
    cell = next(c for c in sheet["A"] if c.value == "=HYPERLINK(\"x\")")
    assert cell.data_type == "s"  # kept as text, never a formula
    assert ModelLogEntry.objects.filter(action="portal.export", user=secretary1).count() == 1


def test_plain_member_cannot_see_the_status(client, site_tree, member1):
    read_request = mark(site_tree.public_notice)
    client.force_login(member1)
    assert client.get(reverse("acknowledgements:status", args=[read_request.pk])).status_code == 404
    assert client.get(reverse("acknowledgements:export", args=[read_request.pk])).status_code == 404
    assert not ModelLogEntry.objects.filter(action="portal.export").exists()


def test_reminder_before_deadline_follows_preferences(site_tree, member1, member2,
                                                      django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=member1, kind=READ_REQUEST, delivery="email")
    NotificationPreference.objects.create(user=member2, kind=READ_REQUEST, delivery="inbox")
    today = timezone.localdate()
    read_request = mark(site_tree.public_notice, deadline=today + dt.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(timezone.now()) == "阅知通知2条，截止提醒0条"
    assert [m.to for m in mail.outbox] == [[member1.email]]
    ReadConfirmation.objects.create(request=read_request, user=member2)
    later = timezone.now() + dt.timedelta(days=4)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_reminders(later) == "阅知通知0条，截止提醒1条"
    assert len(told(member1)) == 2 and len(told(member2)) == 1
    assert "尚未确认已阅" in mail.outbox[-1].subject
    out = StringIO()
    call_command("run_scheduled", "--only", "acknowledgements.reminders", stdout=out)
    assert "阅知通知0条" in out.getvalue()


def test_editor_marks_a_notice_in_the_admin(client, site_tree, member1,
                                            django_capture_on_commit_callbacks):
    editor = UserFactory(username="editor", groups=[Group.objects.get(name=EDITORS)])
    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="acknowledgements"))
    client.force_login(editor)
    url = reverse("read_requests:add")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"page": site_tree.public_notice.pk, "audience": ORGANISATIONS,
                            "deadline": "", "note": ""})
    assert bad.status_code == 200 and "请至少选择一个党组织" in bad.content.decode()
    assert not ReadRequest.objects.exists()
    past = client.post(url, {"page": site_tree.public_notice.pk, "audience": ALL_MEMBERS,
                             "deadline": "2000-01-01", "note": ""})
    assert "不能早于今天" in past.content.decode() and not ReadRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        good = client.post(url, {"page": site_tree.public_notice.pk, "audience": ORGANISATIONS,
                                 "organisations": [site_tree.branch1.pk], "note": "请认真学习"})
    assert good.status_code == 302
    read_request = ReadRequest.objects.get()
    assert read_request.created_by == editor
    assert list(read_request.organisations.all()) == [site_tree.branch1.specific]
    assert told(member1) == [f"请阅知：《{site_tree.public_notice.title}》"]


def test_admin_list_links_to_the_status(admin_client, site_tree):
    read_request = mark(site_tree.public_notice)
    response = admin_client.get(reverse("read_requests:index"))
    assert response.status_code == 200
    assert reverse("acknowledgements:status", args=[read_request.pk]) in response.content.decode()
