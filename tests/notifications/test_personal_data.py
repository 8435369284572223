"""Notifications and 阅知 confirmations in the admin's 个人信息导出/删除."""

import json

import pytest

from acknowledgements.models import ReadConfirmation, ReadRequest
from notifications.api import notify
from notifications.kinds import WORKFLOW_TASK
from notifications.models import Notification, NotificationPreference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    return client


def test_export_and_erase(admin_client, site_tree, member1, member2):
    notify([member1], WORKFLOW_TASK, "给本人的消息")
    notify([member2], WORKFLOW_TASK, "给别人的消息")
    NotificationPreference.objects.create(user=member1, kind=WORKFLOW_TASK, delivery="digest")
    read_request = ReadRequest.objects.create(page=site_tree.public_notice)
    ReadConfirmation.objects.create(request=read_request, user=member1)
    url = f"/admin/personal-data/{member1.pk}/"
    data = json.loads(admin_client.get(url + "export.json").content)
    assert [m["标题"] for m in data["消息通知"]["消息"]] == ["给本人的消息"]
    assert data["消息通知"]["通知方式"] == {WORKFLOW_TASK: "digest"}
    assert data["阅知确认"][0]["通知"] == site_tree.public_notice.title
    response = admin_client.post(url + "erase/", {"confirm_username": "member1"})
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=member1).exists()
    assert not NotificationPreference.objects.filter(user=member1).exists()
    assert Notification.objects.filter(recipient=member2).count() == 1
    assert ReadConfirmation.objects.filter(user=member1).count() == 1  # kept, account anonymised
