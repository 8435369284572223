"""三会一课 records in the core's tamper-evidence service (integrity/).

Every record has one keyed chain. snapshot() is every field a reader sees: the record
(organisation, type, topic, time, place, host, recorder, attendees, 列席, content, votes,
resolutions, voided, 录入人 and 录入时间 -- the lock window runs from it), its absences
with reasons, its attachments (title, kind, size, SHA-256), the files kept for earlier
versions, its version history, and each observer evaluation (every score and comment).
A record is sealed after every version (versioning.append_version) and after every change of
an evaluation; `verify_records` compares the rows with the last link and the chains with
the last published heads.
"""

from django.db.models.signals import post_delete, post_save

from integrity import chain as integrity

SOURCE = "meetings"
TITLE = "三会一课记录"

RECORD_FIELDS = {
    "organisation_id": "党组织", "meeting_type": "会议类型", "topic": "会议主题",
    "start": "开始时间", "end": "结束时间", "place": "会议地点", "host": "主持人",
    "recorder": "记录人", "attendees_other": "其他出席人员", "in_attendance": "列席人员",
    "content": "会议内容", "votes": "表决情况", "resolutions": "决议", "voided": "已作废",
    "created_by_id": "录入人", "created_at": "录入时间", "held_year": "统计年度",
    "held_month": "统计月份", "version_count": "版本数",
}
EVALUATION_FIELDS = {
    "evaluator_id": "观察员", "group_id": "观察小组", "leadership_score": "组织领导评分",
    "leadership_comment": "组织领导评价", "quality_score": "活动质量评分",
    "quality_comment": "活动质量评价", "effect_score": "活动效果评分",
    "effect_comment": "活动效果评价", "strengths": "肯定成绩", "shortcomings": "指出不足",
    "suggestions": "改进意见", "created_at": "评价时间",
}


def snapshot(record_id):
    from .models import (
        MeetingAbsence,
        MeetingAttachment,
        MeetingRecord,
        ObserverEvaluation,
        RecordVersion,
        RetainedAttachment,
    )

    row = MeetingRecord.objects.filter(pk=record_id).values(*RECORD_FIELDS).first()
    if row is None:
        return {}
    data = {f"记录.{label}": row[name] for name, label in RECORD_FIELDS.items()}
    data["记录.出席人员"] = sorted(MeetingRecord.attendees.through.objects.filter(
        meetingrecord_id=record_id).values_list("user_id", flat=True))
    file_fields = ("kind", "title", "file", "size", "sha256")
    integrity.add_rows(data, "缺席", MeetingAbsence.objects.filter(record_id=record_id),
                       ("member_id", "name", "reason"))
    integrity.add_rows(data, "附件", MeetingAttachment.objects.filter(record_id=record_id),
                       file_fields)
    integrity.add_rows(data, "存档附件", RetainedAttachment.objects.filter(record_id=record_id),
                       file_fields)
    integrity.add_rows(data, "版本", RecordVersion.objects.filter(record_id=record_id),
                       ("reason", "author_name", "created_at", "snapshot"), key="number")
    integrity.add_rows(data, "观察评价", ObserverEvaluation.objects.filter(record_id=record_id),
                       EVALUATION_FIELDS)
    return data


def seal(record_id, event):
    return integrity.seal(SOURCE, record_id, snapshot(record_id), event)


def objects():
    from .models import MeetingRecord

    for record in MeetingRecord.objects.select_related("organisation").order_by("pk"):
        yield (str(record.pk), f"会议记录#{record.pk}（{record}）",
               f"{record.organisation.title}三会一课记录", lambda pk=record.pk: snapshot(pk))


def visible(user):
    """Ids of the records `user` may read (none for the public: it sees only counts)."""
    from .scope import visible_records

    return visible_records(user).values_list("pk", flat=True)


def _evaluation_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    seal(instance.record_id, "观察评价")


def register():
    from integrity.registry import register_source

    from .models import ObserverEvaluation

    register_source(SOURCE, TITLE, objects, visible=visible)
    post_save.connect(_evaluation_changed, sender=ObserverEvaluation,
                      dispatch_uid="meetings-seal-evaluation-save")
    post_delete.connect(_evaluation_changed, sender=ObserverEvaluation,
                        dispatch_uid="meetings-seal-evaluation-delete")
