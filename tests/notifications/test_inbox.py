"""The inbox: listing, marking read, the header and admin counts, preferences."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from notifications.api import notify
from notifications.kinds import ELECTION_DUE, WORKFLOW_TASK
from notifications.models import Notification, NotificationPreference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox_user(member1, client):
    client.force_login(member1)
    return member1


def test_inbox_lists_only_own_notifications(client, inbox_user, member2):
    notify([inbox_user], WORKFLOW_TASK, "给我的消息", body="正文")
    notify([member2], WORKFLOW_TASK, "给别人的消息")
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "给我的消息" in text and "正文" in text
    assert "给别人的消息" not in text


def test_header_shows_unread_count_for_signed_in_users(client, inbox_user, site_tree):
    notify([inbox_user], WORKFLOW_TASK, "一")
    notify([inbox_user], WORKFLOW_TASK, "二")
    text = client.get("/").content.decode()
    assert 'data-unread="2"' in text
    client.logout()
    assert "data-unread" not in client.get("/").content.decode()


def test_mark_read_and_open_link(client, inbox_user):
    [n] = notify([inbox_user], WORKFLOW_TASK, "有链接", link="/member/")
    response = client.post(reverse("notifications:mark_read", args=[n.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/member/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_open_never_redirects_off_site(client, inbox_user):
    [n] = notify([inbox_user], WORKFLOW_TASK, "坏链接", link="https://evil.example/")
    response = client.post(reverse("notifications:mark_read", args=[n.pk]), {"open": "1"})
    assert response["Location"] == reverse("notifications:inbox")


def test_cannot_touch_someone_elses_notification(client, inbox_user, member2):
    [n] = notify([member2], WORKFLOW_TASK, "别人的")
    response = client.post(reverse("notifications:mark_read", args=[n.pk]))
    assert response.status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_mark_read_needs_post(client, inbox_user):
    [n] = notify([inbox_user], WORKFLOW_TASK, "x")
    assert client.get(reverse("notifications:mark_read", args=[n.pk])).status_code == 405


def test_mark_all_read(client, inbox_user, member2):
    notify([inbox_user], WORKFLOW_TASK, "一")
    notify([inbox_user], WORKFLOW_TASK, "二")
    notify([member2], WORKFLOW_TASK, "别人的")
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    assert "已将2条消息标为已读" in response.content.decode()
    assert Notification.objects.filter(recipient=inbox_user, read_at=None).count() == 0
    assert Notification.objects.filter(recipient=member2, read_at=None).count() == 1


def test_inbox_needs_login(client, site_tree):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_unread_filter(client, inbox_user):
    [a] = notify([inbox_user], WORKFLOW_TASK, "已读的那条")
    notify([inbox_user], WORKFLOW_TASK, "未读的那条")
    client.post(reverse("notifications:mark_read", args=[a.pk]))
    text = client.get(reverse("notifications:inbox") + "?unread=1").content.decode()
    assert "未读的那条" in text and "已读的那条" not in text


def test_preferences_saved_and_used(client, inbox_user):
    url = reverse("notifications:preferences")
    page = client.get(url)
    assert page.status_code == 200 and "站内+邮件" in page.content.decode()
    data = {field: "inbox" for field in page.context["form"].fields}
    data[ELECTION_DUE] = "email"
    response = client.post(url, data)
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=inbox_user, kind=ELECTION_DUE).delivery == "email"
    [n] = notify([inbox_user], ELECTION_DUE, "换届提醒")
    assert n.delivery == "email"
    [n] = notify([inbox_user], WORKFLOW_TASK, "审核")
    assert n.delivery == "inbox"


def test_bad_preference_is_refused_whole(client, inbox_user):
    url = reverse("notifications:preferences")
    fields = list(client.get(url).context["form"].fields)
    data = {field: "email" for field in fields}
    data[ELECTION_DUE] = "fax"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "通知方式无效" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=inbox_user).exists()


def test_admin_menu_shows_unread_count(client, site_tree):
    staff = UserFactory(username="editor-x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    notify([staff], WORKFLOW_TASK, "待审核")
    client.force_login(staff)
    text = client.get(reverse("wagtailadmin_home")).content.decode()
    # the sidebar's items are JSON inside the page
    assert json.dumps("消息（1条未读）")[1:-1] in text


def test_same_event_key_reaches_a_person_once(inbox_user):
    notify([inbox_user], ELECTION_DUE, "换届", key="org:1")
    notify([inbox_user], ELECTION_DUE, "换届", key="org:1")
    assert Notification.objects.filter(recipient=inbox_user, kind=ELECTION_DUE).count() == 1


def test_unknown_kind_is_an_error(inbox_user):
    from notifications.kinds import UnknownKind

    with pytest.raises(UnknownKind):
        notify([inbox_user], "no.such.kind", "x")


def test_inactive_users_are_not_notified(inbox_user):
    inbox_user.is_active = False
    inbox_user.save()
    assert notify([inbox_user], WORKFLOW_TASK, "x") == []


def test_empty_preferences_post_names_each_missing_choice(client, inbox_user):
    response = client.post(reverse("notifications:preferences"), {})
    assert response.status_code == 400
    assert "请为“有内容待我审核/审批”选择通知方式" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=inbox_user).exists()
