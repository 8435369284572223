"""Hash-chained versions of meeting records and their verification.

Every save of a record appends a RecordVersion holding a canonical snapshot of
the record. All versions form one chain (seq 1, 2, 3 ...): each stores the hash
of the one before it, and its own hash covers its snapshot, reason, author,
time and that previous hash. Editing a row in the database, deleting a version
or changing a stored file therefore shows up in verify_chain().

Sealing a version also retains the files it lists (models/retained.py), so a file that
is later removed or replaced can still be checked against every version that named it.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

GENESIS = "0" * 64


def _absence_order(row):
    """Absentees with and without an account side by side (None cannot be compared with an
    id); lists of only one kind keep the order they always had, so stored hashes hold."""
    member_id, name, reason = row
    return (member_id is not None, member_id or 0, name, reason)


def snapshot(record):
    """Everything a record says, in a stable JSON-able form."""
    return {
        "organisation": record.organisation_id,
        "meeting_type": record.meeting_type,
        "topic": record.topic,
        "start": _iso(record.start),
        "end": _iso(record.end),
        "place": record.place,
        "host": record.host,
        "recorder": record.recorder,
        "attendees": sorted(u.pk for u in record.attendees.all()),
        "attendees_other": record.attendees_other,
        "absences": sorted(([a.member_id, a.name, a.reason] for a in record.absences.all()),
                           key=_absence_order),
        "in_attendance": record.in_attendance,
        "content": record.content,
        "votes": record.votes,
        "resolutions": record.resolutions,
        "voided": record.voided,
        "attachments": sorted([a.kind, a.title, a.sha256] for a in record.attachments.all()),
    }


def _iso(value):
    return value.astimezone(dt.UTC).isoformat() if value else None


def canonical(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def version_hash(version):
    payload = {
        "seq": version.seq, "record": version.record_id, "number": version.number,
        "snapshot": version.snapshot, "reason": version.reason,
        "author": version.author_name, "created_at": _iso(version.created_at),
        "prev": version.prev_hash,
    }
    return hashlib.sha256(canonical(payload).encode("utf-8")).hexdigest()


def append_version(record, user=None, reason="", at=None):
    """Seal the record's current state as its next version. Call inside the saving transaction.

    at: when the version was made (default now); the demo loader dates a record's first
    version at its 录入时间, so no record is locked before it has a version."""
    from .models import MeetingRecord, RecordVersion, RetainedAttachment

    with transaction.atomic():
        last = RecordVersion.objects.select_for_update().order_by("-seq").first()
        number = record.versions.count() + 1
        author_name = ""
        if user is not None and user.is_authenticated:
            author_name = user.get_full_name() or user.get_username()
        version = RecordVersion(
            seq=(last.seq + 1) if last else 1, record=record, number=number,
            snapshot=json.loads(canonical(snapshot(record))), reason=reason.strip(),
            author=user if author_name else None, author_name=author_name,
            created_at=at or timezone.now(), prev_hash=last.hash if last else GENESIS,
        )
        version.hash = version_hash(version)
        version.save()
        RetainedAttachment.objects.retain(record)
        MeetingRecord.objects.filter(pk=record.pk).update(head_hash=version.hash,
                                                          version_count=number)
        record.head_hash, record.version_count = version.hash, number
        from . import sealing

        sealing.seal(record.pk, f"第{number}版" + (f"：{version.reason}" if version.reason else ""))
    return version


@dataclass
class ChainReport:
    records: int = 0
    versions: int = 0
    files: int = 0
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


def verify_chain(check_files=True):
    """Walk the whole chain and every record; report each inconsistency in Chinese."""
    from .models import MeetingRecord, RecordVersion

    report = ChainReport()
    prev_hash, expected_seq = GENESIS, 1
    last_by_record = {}
    listed_files = {}  # record id -> {sha256: (version number, title)} over all its versions
    for version in RecordVersion.objects.order_by("seq").iterator(chunk_size=2000):
        report.versions += 1
        where = f"链序号 {version.seq}（记录 #{version.record_id} 第{version.number}版）"
        if version.seq != expected_seq:
            report.problems.append(f"{where}：链序号不连续，应为 {expected_seq}，可能有版本被删除。")
        if version.prev_hash != prev_hash:
            report.problems.append(f"{where}：上一版本哈希不符，链条已断开。")
        if version_hash(version) != version.hash:
            report.problems.append(f"{where}：内容与哈希不符，版本已被篡改。")
        previous = last_by_record.get(version.record_id)
        if version.number != (previous.number + 1 if previous else 1):
            report.problems.append(f"{where}：版本号不连续。")
        last_by_record[version.record_id] = version
        files = listed_files.setdefault(version.record_id, {})
        for _kind, title, sha in version.snapshot.get("attachments") or []:
            files.setdefault(sha, (version.number, title))
        prev_hash, expected_seq = version.hash, version.seq + 1

    digests = _Digests() if check_files else None
    records = MeetingRecord.objects.prefetch_related("attendees", "absences", "attachments",
                                                     "retained_files")
    for record in records.iterator(chunk_size=500):
        report.records += 1
        where = f"记录 #{record.pk}（{record}）"
        last = last_by_record.get(record.pk)
        if last is None:
            report.problems.append(f"{where}：没有任何版本，未经系统登记。")
            continue
        if record.head_hash != last.hash or record.version_count != last.number:
            report.problems.append(f"{where}：记录的最新版本标记与版本链不符。")
        local = timezone.localtime(record.start)
        if (record.held_year, record.held_month) != (local.year, local.month):
            report.problems.append(f"{where}：统计用的年月与会议时间不符，记录被绕过系统修改。")
        if canonical(snapshot(record)) != canonical(last.snapshot):
            report.problems.append(f"{where}：当前内容与最后一个版本不一致，记录被绕过系统修改。")
        retained = {r.sha256: r for r in record.retained_files.all()}
        for sha, (number, title) in listed_files.get(record.pk, {}).items():
            if sha not in retained:
                report.problems.append(f"{where}：第{number}版登记的附件“{title}”没有保留文件"
                                       f"（SHA-256 {sha[:12]}…），无法核验。")
        if digests is None:
            continue
        for attachment in record.attachments.all():
            report.files += 1
            problem = digests.check(attachment.file, attachment.sha256)
            if problem:
                report.problems.append(f"{where}：附件“{attachment.title}”{problem}")
        current = {a.file.name for a in record.attachments.all()}
        for item in retained.values():
            if item.file.name in current:
                continue  # the same stored file, checked above
            report.files += 1
            problem = digests.check(item.file, item.sha256)
            if problem:
                report.problems.append(f"{where}：已移除或替换的附件“{item.title}”的存档{problem}")
    return report


class _Digests:
    """SHA-256 of stored files, each file read once."""

    def __init__(self):
        self.seen = {}

    def check(self, field_file, expected):
        name = field_file.name
        if name not in self.seen:
            self.seen[name] = _digest_or_none(field_file)
        digest = self.seen[name]
        if digest is None:
            return "文件缺失。"
        if digest != expected:
            return "文件内容与登记的哈希不符，已被替换或修改。"
        return None


def _digest_or_none(field_file):
    from .models.records import file_digest

    try:
        return file_digest(field_file)[0]
    except (FileNotFoundError, OSError, ValueError):
        return None
    finally:
        field_file.close()
