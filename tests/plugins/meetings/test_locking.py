"""Records lock after MEETINGS_LOCK_DAYS; later amendments need a reason and keep the original."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from plugins.meetings.history import history
from plugins.meetings.models import MeetingRecord

from .conftest import make_record
from .test_bad_input import post_data


def _edit_data(record, secretary, **overrides):
    data = post_data(secretary, topic=record.topic,
                     start=timezone.localtime(record.start).strftime("%Y-%m-%dT%H:%M"),
                     end=timezone.localtime(record.end).strftime("%Y-%m-%dT%H:%M"))
    data.update(overrides)
    return data


@pytest.fixture
def record(site_tree, secretary):
    return make_record(site_tree.branch1, "committee", user=secretary, topic="研究十月工作")


def _age(record, days):
    MeetingRecord.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days))
    record.refresh_from_db()


def test_lock_follows_the_setting(record, settings):
    settings.MEETINGS_LOCK_DAYS = 7
    assert not record.locked
    _age(record, 8)
    assert record.locked
    settings.MEETINGS_LOCK_DAYS = 30
    assert not record.locked


def test_unlocked_record_can_be_changed_without_a_reason(client, record, secretary):
    client.force_login(secretary)
    response = client.post(reverse("meetings:edit", args=[record.pk]),
                           _edit_data(record, secretary, place="三楼会议室"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.place == "三楼会议室" and record.version_count == 2


def test_locked_record_needs_a_reason_and_keeps_the_original(client, record, secretary):
    _age(record, 10)
    client.force_login(secretary)
    url = reverse("meetings:edit", args=[record.pk])
    page = client.get(url).content.decode()
    assert "该记录已于" in page and "锁定" in page
    response = client.post(url, _edit_data(record, secretary, place="三楼会议室"))
    assert response.status_code == 200
    assert "修改须填写修改原因" in response.content.decode()
    record.refresh_from_db()
    assert record.place == "党员活动室" and record.version_count == 1

    response = client.post(url, _edit_data(record, secretary, place="三楼会议室",
                                           amend_reason="会议地点记录有误，据签到表更正。"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.place == "三楼会议室"
    first, second = record.versions.order_by("number")
    assert first.snapshot["place"] == "党员活动室"  # the original is kept
    assert second.snapshot["place"] == "三楼会议室"
    assert second.reason == "会议地点记录有误，据签到表更正。"
    from integrity.chain import verify_source
    from plugins.meetings import sealing

    assert verify_source(sealing.SOURCE) == []  # the amendment is sealed
    changes = history(record)[1].changes
    assert ("会议地点", "党员活动室", "三楼会议室") in [(c.label, c.before, c.after) for c in changes]
    detail = client.get(reverse("meetings:detail", args=[record.pk])).content.decode()
    assert "会议地点记录有误" in detail and "原始记录" in detail


def test_withdrawn_record_stays_in_the_chain(client, record, secretary):
    client.force_login(secretary)
    response = client.post(reverse("meetings:edit", args=[record.pk]),
                           _edit_data(record, secretary, voided="on", amend_reason="误录"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.voided and record.versions.count() == 2
    assert MeetingRecord.objects.counted().count() == 0
