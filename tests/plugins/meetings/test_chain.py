"""Versions sealed in the keyed chain, and `manage.py verify_records`."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from integrity.chain import links
from plugins.meetings import sealing
from plugins.meetings.models import MeetingAttachment, MeetingRecord, RecordVersion
from plugins.meetings.versioning import append_version

from .conftest import at, make_record, record_problems


@pytest.fixture
def records(site_tree, secretary):
    first = make_record(site_tree.branch1, "committee", at(2025, 3, 6), user=secretary)
    second = make_record(site_tree.branch2, "lecture", at(2025, 3, 8))
    first.topic = "研究三月工作（更正）"
    first.save()
    append_version(first, secretary, "主题记录有误")
    return first, second


def run_verify():
    out = io.StringIO()
    call_command("verify_records", stdout=out)
    return out.getvalue()


def test_every_version_is_sealed(records):
    first, second = records
    assert list(first.versions.values_list("number", flat=True)) == [1, 2]
    assert len(links(sealing.SOURCE, first.pk)) == 2 and len(links(sealing.SOURCE, second.pk)) == 1
    assert not {"seq", "prev_hash", "hash"} & {f.name for f in RecordVersion._meta.get_fields()}
    assert record_problems() == []
    assert "未发现篡改" in run_verify()


def test_editing_a_record_behind_the_systems_back_is_reported(records):
    MeetingRecord.objects.filter(pk=records[1].pk).update(content="事后改写的发言内容")
    assert record_problems() == [f"会议记录#{records[1].pk}（{records[1]}）："
                                 "“记录.会议内容”与最后一次封存时不一致（被改动）。"]
    with pytest.raises(CommandError, match="发现1处问题"):
        run_verify()


def test_editing_a_stored_version_is_reported(records):
    version = RecordVersion.objects.get(record=records[0], number=1)
    version.snapshot["topic"] = "另一主题"
    version.save()
    assert any("“版本#1”与最后一次封存时不一致" in p for p in record_problems())


def test_deleting_a_version_is_reported(records):
    RecordVersion.objects.filter(record=records[0], number=2).delete()
    assert any("“版本#2”已被删除" in p for p in record_problems())


def test_records_cannot_be_deleted_while_they_have_versions(records):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        records[1].delete()


def test_record_without_versions_is_reported(site_tree):
    MeetingRecord.objects.create(organisation=site_tree.branch1, meeting_type="group",
                                 start=at(2025, 4, 1), end=at(2025, 4, 1, 16), topic="未登记",
                                 place="会议室", host="甲", recorder="乙", content="内容")
    assert any("没有任何防篡改校验记录" in p for p in record_problems())


def test_replaced_attachment_file_is_reported(records):
    record = records[1]
    attachment = MeetingAttachment(record=record, kind="document", title="签到表.pdf")
    attachment.file.save("sign.pdf", ContentFile(b"%PDF original"), save=False)
    attachment.save()
    append_version(record, None, "补充签到表")
    assert record_problems() == []
    with open(attachment.file.path, "wb") as handle:
        handle.write(b"%PDF forged")
    problems = record_problems()
    assert any("文件内容与登记的哈希不符" in p for p in problems)
    assert record_problems(check_files=False) == []


def test_moving_a_meeting_to_another_month_in_the_statistics_is_reported(records):
    MeetingRecord.objects.filter(pk=records[1].pk).update(held_month=4)
    assert any("“记录.统计月份”与最后一次封存时不一致" in p for p in record_problems())
