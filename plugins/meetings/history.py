"""Readable differences between consecutive versions of a record (修改记录).

Attachments that a version adds or removes are listed with their retained file
(models/retained.py), so authorised staff can open the exact file each version's
hash certifies, including files removed or replaced since.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .constants import MEETING_TYPE_LABELS

FIELD_LABELS = {
    "meeting_type": "会议类型", "topic": "会议主题", "start": "开始时间", "end": "结束时间",
    "place": "会议地点", "host": "主持人", "recorder": "记录人", "attendees": "出席人员",
    "attendees_other": "名册外出席人员", "absences": "缺席人员", "in_attendance": "列席人员",
    "content": "会议内容及发言情况", "votes": "表决情况", "resolutions": "决议及分工落实情况",
    "voided": "作废", "attachments": "附件和照片", "organisation": "党组织",
}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class FileEntry:
    kind: str
    title: str
    sha256: str
    retained: object  # the RetainedAttachment, or None if the file was not retained


@dataclass
class VersionEntry:
    version: object
    changes: list
    added_files: list
    removed_files: list


def _show(key, value):
    if key == "meeting_type":
        return MEETING_TYPE_LABELS.get(value, value)
    if key == "voided":
        return "是" if value else "否"
    if key == "absences":
        return "；".join(f"{name}：{reason}" for _member, name, reason in value) or "无"
    if key == "attachments":
        return "；".join(title for _kind, title, _sha in value) or "无"
    if key == "attendees":
        return f"{len(value)}人"
    if key in ("start", "end") and value:
        return timezone.localtime(dt.datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M")
    text = str(value or "")
    return text if len(text) <= 120 else text[:120] + "…"


def history(record):
    versions = list(record.versions.order_by("number"))
    retained = {r.sha256: r for r in record.retained_files.all()}
    entries, previous = [], None
    for version in versions:
        changes = []
        if previous is not None:
            for key, label in FIELD_LABELS.items():
                old, new = previous.snapshot.get(key), version.snapshot.get(key)
                if old != new:
                    changes.append(Change(label, _show(key, old), _show(key, new)))
        before = _files(previous.snapshot if previous else {}, retained)
        after = _files(version.snapshot, retained)
        entries.append(VersionEntry(
            version, changes,
            added_files=[f for sha, f in after.items() if sha not in before],
            removed_files=[f for sha, f in before.items() if sha not in after]))
        previous = version
    return entries


def _files(snapshot, retained):
    return {sha: FileEntry(kind, title, sha, retained.get(sha))
            for kind, title, sha in snapshot.get("attachments") or []}
