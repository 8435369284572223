"""The hash chain and `manage.py verify_records`."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from plugins.meetings.chain import GENESIS, append_version, verify_chain
from plugins.meetings.models import MeetingAttachment, MeetingRecord, RecordVersion

from .conftest import at, make_record


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


def test_versions_form_one_chain(records):
    versions = list(RecordVersion.objects.order_by("seq"))
    assert [v.seq for v in versions] == [1, 2, 3]
    assert versions[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(versions, versions[1:], strict=False))
    assert [v.number for v in versions if v.record_id == records[0].pk] == [1, 2]
    assert verify_chain().ok
    assert "未发现篡改" in run_verify()


def test_editing_a_record_behind_the_systems_back_is_reported(records):
    MeetingRecord.objects.filter(pk=records[1].pk).update(content="事后改写的发言内容")
    report = verify_chain()
    assert not report.ok
    assert any("被绕过系统修改" in p for p in report.problems)
    # Reported twice: by the version chain and by the keyed chain, which names the field.
    with pytest.raises(CommandError, match="发现 2 处问题"):
        run_verify()


def test_editing_a_stored_version_is_reported(records):
    version = RecordVersion.objects.get(seq=1)
    version.snapshot["topic"] = "另一主题"
    version.save()
    problems = verify_chain().problems
    assert any("链序号 1" in p and "已被篡改" in p for p in problems)


def test_rewriting_a_version_with_a_fresh_hash_breaks_the_link(records):
    from plugins.meetings.chain import version_hash

    version = RecordVersion.objects.get(seq=2)
    version.reason = "伪造的原因"
    version.hash = version_hash(version)
    version.save()
    problems = verify_chain().problems
    assert any("链序号 3" in p and "链条已断开" in p for p in problems)


def test_deleting_a_version_is_reported(records):
    RecordVersion.objects.filter(seq=2).delete()
    problems = verify_chain().problems
    assert any("链序号不连续" in p for p in problems)


def test_records_cannot_be_deleted_while_they_have_versions(records):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        records[1].delete()


def test_record_without_versions_is_reported(site_tree):
    MeetingRecord.objects.create(organisation=site_tree.branch1, meeting_type="group",
                                 start=at(2025, 4, 1), end=at(2025, 4, 1, 16), topic="未登记",
                                 place="会议室", host="甲", recorder="乙", content="内容")
    assert any("未经系统登记" in p for p in verify_chain().problems)


def test_replaced_attachment_file_is_reported(records):
    record = records[1]
    attachment = MeetingAttachment(record=record, kind="document", title="签到表.pdf")
    attachment.file.save("sign.pdf", ContentFile(b"%PDF original"), save=False)
    attachment.save()
    append_version(record, None, "补充签到表")
    assert verify_chain().ok
    with open(attachment.file.path, "wb") as handle:
        handle.write(b"%PDF forged")
    problems = verify_chain().problems
    assert any("文件内容与登记的哈希不符" in p for p in problems)
    assert verify_chain(check_files=False).ok


def test_moving_a_meeting_to_another_month_in_the_statistics_is_reported(records):
    MeetingRecord.objects.filter(pk=records[1].pk).update(held_month=4)
    assert any("统计用的年月与会议时间不符" in p for p in verify_chain().problems)
