"""Bad input on the front-end form: clear Chinese messages and nothing half-saved."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from plugins.meetings.models import MeetingAttachment, MeetingRecord, RecordVersion
from tests.factories import UserFactory, member_of

from .conftest import make_record


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def post_data(member, **overrides):
    # 10:00 yesterday, local time: "half an hour later" must stay on the same day whenever
    # the suite runs (at 23:50 Beijing time it used to cross midnight)
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) \
        - dt.timedelta(days=1)
    data = {
        "meeting_type": "committee", "topic": "研究十一月支部工作安排",
        "start": _local(start), "end": _local(start + dt.timedelta(hours=1)),
        "place": "党员活动室", "host": "赵志刚", "recorder": "孙丽",
        "attendees": [member.pk], "absences_text": "", "attendees_other": "",
        "in_attendance": "", "content": "传达上级精神，研究本月工作。", "votes": "", "resolutions": "",
    }
    data.update(overrides)
    return data


def counts():
    return (MeetingRecord.objects.count(), RecordVersion.objects.count(),
            MeetingAttachment.objects.count())


@pytest.fixture
def entry(client, site_tree, secretary):
    client.force_login(secretary)
    return reverse("meetings:create", args=[site_tree.branch1.pk])


def test_valid_record_is_saved_with_absences_files_and_a_version(client, entry, secretary,
                                                                 site_tree):
    absent = member_of(site_tree.branch1, username="m2", first_name="孙丽")
    photo = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(photo, "PNG")
    data = post_data(secretary, absences_text="孙丽：出差",
                     documents=[SimpleUploadedFile("签到表.pdf", b"%PDF-1.4 sign-in")],
                     photos=[SimpleUploadedFile("合影.png", photo.getvalue())])
    response = client.post(entry, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = MeetingRecord.objects.get()
    assert list(record.attendees.all()) == [secretary]
    absence = record.absences.get()
    assert (absence.name, absence.member, absence.reason) == ("孙丽", absent, "出差")
    assert sorted(record.attachments.values_list("kind", flat=True)) == ["document", "photo"]
    assert record.versions.count() == 1 and record.version_count == 1
    from integrity.chain import links

    assert len(links("meetings", record.pk)) == 1  # sealed
    assert record.created_by == secretary


@pytest.mark.parametrize("overrides, message", [
    ({"end": "2025-01-01T08:00", "start": "2025-01-01T09:00"}, "结束时间必须晚于开始时间。"),
    ({"topic": ""}, "请填写会议主题。"),
    ({"start": "2025-13-01T09:00"}, "开始时间格式不正确。"),
    ({"absences_text": "李四"}, "第1行“李四”缺少缺席原因"),
])
def test_invalid_input_is_refused_with_a_chinese_message(client, entry, secretary, overrides,
                                                         message):
    before = counts()
    response = client.post(entry, post_data(secretary, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


def test_future_meeting_is_refused(client, entry, secretary):
    start = timezone.now() + dt.timedelta(days=3)
    response = client.post(entry, post_data(
        secretary, start=_local(start), end=_local(start + dt.timedelta(hours=1))))
    body = response.content.decode()
    assert "只登记已经召开的会议" in body
    assert MeetingRecord.objects.count() == 0


def test_same_meeting_twice_is_refused(client, entry, secretary, site_tree):
    data = post_data(secretary)
    assert client.post(entry, data).status_code == 302
    again = client.post(entry, data)
    assert again.status_code == 200
    assert "请勿重复录入" in again.content.decode()
    # the same day and topic at another hour is the same meeting too
    start = timezone.localtime(MeetingRecord.objects.get().start) + dt.timedelta(minutes=30)
    later = client.post(entry, post_data(secretary, start=_local(start),
                                         end=_local(start + dt.timedelta(hours=1))))
    assert "请勿重复录入" in later.content.decode()
    assert MeetingRecord.objects.count() == 1 and RecordVersion.objects.count() == 1


def test_attendee_not_on_roster_needs_confirmation(client, entry, secretary, site_tree):
    before = counts()
    data = post_data(secretary, attendees_other="李明")
    response = client.post(entry, data)
    body = response.content.decode()
    assert "以下出席人员不在第一党支部党员名册中：李明" in body
    assert "仍然保存" in body
    assert counts() == before
    data["confirm_warnings"] = "on"
    assert client.post(entry, data).status_code == 302
    assert MeetingRecord.objects.get().attendees_other == "李明"


def test_attendee_from_another_branch_cannot_be_ticked(client, entry, secretary, site_tree):
    stranger = member_of(site_tree.branch2, username="other", first_name="周婷婷")
    response = client.post(entry, post_data(secretary, attendees=[secretary.pk, stranger.pk]))
    assert response.status_code == 200
    assert MeetingRecord.objects.count() == 0


def test_absentee_not_on_roster_is_a_warning(client, entry, secretary):
    response = client.post(entry, post_data(secretary, absences_text="王五：病假"))
    assert "以下缺席人员不在党员名册中：王五" in response.content.decode()
    assert MeetingRecord.objects.count() == 0


def test_same_person_present_and_absent_is_refused(client, entry, secretary):
    response = client.post(entry, post_data(secretary, absences_text="赵志刚：出差"))
    assert "同时登记为出席和缺席" in response.content.decode()


def test_bad_upload_saves_nothing(client, entry, secretary):
    before = counts()
    response = client.post(entry, post_data(
        secretary, photos=[SimpleUploadedFile("合影.png", b"not an image")],
        documents=[SimpleUploadedFile("病毒.exe", b"MZ")]))
    body = response.content.decode()
    assert "不是有效的图片文件" in body and "不允许作为附件上传" in body
    assert counts() == before


def test_only_committee_members_enter_records(client, site_tree, member1):
    client.force_login(member1)
    url = reverse("meetings:create", args=[site_tree.branch1.pk])
    response = client.get(url)
    assert response.status_code == 403
    assert "支部委员会成员" in response.content.decode()
    assert client.post(url, post_data(member1)).status_code == 403
    assert MeetingRecord.objects.count() == 0


@pytest.fixture
def observed(site_tree, secretary):
    from plugins.meetings.models import ObserverGroup

    record = make_record(site_tree.branch1, "theme_day")
    observer = UserFactory(username="observer", first_name="刘芳")
    ObserverGroup.objects.create(organisation=site_tree.branch1, year=record.year,
                                 members=[observer, UserFactory(username="observer2")])
    return record, observer


def test_observer_rating_outside_the_scale_is_refused(client, observed):
    record, observer = observed
    client.force_login(observer)
    url = reverse("meetings:evaluate", args=[record.pk])
    data = {"leadership_score": "6", "quality_score": "0", "effect_score": "4",
            "suggestions": "会前下发学习材料。"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.content.decode().count("评分须在1至5分之间。") == 2
    assert record.evaluations.count() == 0
    data.update(leadership_score="5", quality_score="4")
    assert client.post(url, data).status_code == 302
    evaluation = record.evaluations.get()
    assert (evaluation.leadership_score, evaluation.group.organisation_id) == (
        5, record.organisation_id)
    again = client.post(url, data)
    assert "不能重复提交" in again.content.decode()
    assert record.evaluations.count() == 1


def test_score_outside_the_scale_is_refused_by_the_database(observed):
    from django.db import IntegrityError, transaction

    from plugins.meetings.models import ObserverEvaluation

    record, observer = observed
    with pytest.raises(IntegrityError), transaction.atomic():
        ObserverEvaluation.objects.create(record=record, evaluator=observer, leadership_score=9,
                                          quality_score=3, effect_score=3)


def test_non_observer_cannot_evaluate(client, observed, member2):
    record, _ = observed
    client.force_login(member2)  # outside the record's scope: as if it did not exist
    assert client.get(reverse("meetings:evaluate", args=[record.pk])).status_code == 404
