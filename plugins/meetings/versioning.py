"""Versions of meeting records: every save appends a RecordVersion holding a snapshot of
the record (what the version history shows), then seals the record in the core's keyed
chain (sealing.py), which covers every version. Sealing a version also retains the files
it lists (models/retained.py), so authorised staff can open any earlier file and
verify_records can check each one against its SHA-256 (files.py).
"""

import datetime as dt
import json

from django.db import transaction
from django.utils import timezone

from integrity.chain import canonical


def _absence_order(row):
    """Absentees with and without an account side by side (None cannot be compared with an
    id)."""
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


def append_version(record, user=None, reason="", at=None):
    """Keep the record's current state as its next version and seal the record. Call inside
    the saving transaction.

    at: when the version was made (default now); the demo loader dates a record's first
    version at its 录入时间, so no record is locked before it has a version."""
    from .models import MeetingRecord, RecordVersion, RetainedAttachment

    with transaction.atomic():
        MeetingRecord.objects.select_for_update().filter(pk=record.pk).first()
        number = record.versions.count() + 1
        author_name = ""
        if user is not None and user.is_authenticated:
            author_name = user.get_full_name() or user.get_username()
        version = RecordVersion.objects.create(
            record=record, number=number, snapshot=json.loads(canonical(snapshot(record))),
            reason=reason.strip(), author=user if author_name else None,
            author_name=author_name, created_at=at or timezone.now())
        RetainedAttachment.objects.retain(record)
        MeetingRecord.objects.filter(pk=record.pk).update(version_count=number)
        record.version_count = number
        from . import sealing

        sealing.seal(record.pk, f"第{number}版" + (f"：{version.reason}" if version.reason else ""))
    return version
