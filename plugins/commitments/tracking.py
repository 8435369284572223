"""践诺 and 评诺: progress records with evidence, 领导点评 and 党员自评."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import history, people
from .choices import DONE, NOT_STARTED, STATUS_LABELS
from .models import Evidence, LeaderComment, LedgerEntry, ProgressRecord
from .workflow import CommitmentError


def _check_trackable(user, pledge):
    if not people.can_edit(user, pledge):
        raise PermissionDenied("只有承诺人（党组织承诺由本组织书记、副书记）可以登记践诺情况。")
    if not pledge.is_published:
        raise CommitmentError("承诺书审定公开后才能登记践诺情况。")


def validate_progress(item, date, status, progress, today=None):
    today = today or timezone.localdate()
    period = item.pledge.period
    if not 0 <= progress <= 100:
        raise CommitmentError("进度应在0至100之间。")
    if not period.contains(date):
        raise CommitmentError(f"践诺日期应在{period.name}内"
                              f"（{period.start_date:%Y-%m-%d}至{period.end_date:%Y-%m-%d}）。")
    if date > today:
        raise CommitmentError("践诺日期不能晚于今天。")
    if status == DONE and progress != 100:
        raise CommitmentError("状态为“已完成”时，进度应为100%。")
    if status == NOT_STARTED and progress != 0:
        raise CommitmentError("状态为“未开始”时，进度应为0%。")


@transaction.atomic
def record_progress(user, item, date, text, status, progress, files=(), today=None):
    """Add a 践诺记录; a change of status or progress is appended to the ledger."""
    pledge = item.pledge
    _check_trackable(user, pledge)
    if item.withdrawn:
        raise CommitmentError("该事项已撤回，不能登记践诺情况。")
    if not text.strip():
        raise CommitmentError("请填写践诺情况。")
    validate_progress(item, date, status, progress, today)
    record = ProgressRecord.objects.create(item=item, date=date, text=text, status=status,
                                           progress=progress, author=user)
    for upload in files:
        Evidence.objects.create(
            record=record, file=upload.file, original_name=upload.name[:200], kind=upload.kind,
            content_type=upload.content_type, size=upload.size)
    old_status, old_progress = item.status, item.progress
    if (old_status, old_progress) != (status, progress):
        item.status, item.progress = status, progress
        item.save(update_fields=["status", "progress", "updated_at"])
        history.append(pledge, LedgerEntry.STATUS, {
            "from": old_status, "to": status, "progress_from": old_progress,
            "progress": progress, "date": date.isoformat(), "record": record.pk,
            "text": f"{STATUS_LABELS[old_status]} → {STATUS_LABELS[status]}",
        }, user=user, item=item)
    else:
        from . import sealing

        sealing.seal(pledge, f"践诺记录#{record.pk}")
    return record


@transaction.atomic
def add_comment(user, pledge, comment, grade, today=None):
    if not people.can_review(user, pledge, permission="commitments.comment_pledge"):
        raise PermissionDenied("您无权点评该承诺书：由上级党组织书记或本支部书记点评，本人不能点评本人。")
    if not pledge.is_published:
        raise CommitmentError("承诺书审定公开后才能点评。")
    if not comment.strip():
        raise CommitmentError("请填写点评意见。")
    if not pledge.period.assessment_open(today):
        raise CommitmentError("领导点评在承诺期最后一个月至台账报送日期之间进行。")
    entry = LeaderComment.objects.create(pledge=pledge, author=user,
                                         author_name=history.actor_name(user),
                                         comment=comment, grade=grade)
    history.append(pledge, LedgerEntry.COMMENT, {
        "comment": comment, "grade": grade, "comment_id": entry.pk}, user=user)
    from . import notifying

    notifying.commented(entry)
    return entry


@transaction.atomic
def self_assess(user, pledge, text, today=None):
    if not people.can_edit(user, pledge):
        raise PermissionDenied("只有承诺人本人可以填写自评。")
    if not pledge.is_published:
        raise CommitmentError("承诺书审定公开后才能自评。")
    if not text.strip():
        raise CommitmentError("请填写自评内容。")
    if not pledge.period.assessment_open(today):
        raise CommitmentError("党员自评在承诺期最后一个月至台账报送日期之间进行。")
    pledge.self_assessment = text
    pledge.self_assessed_at = timezone.now()
    pledge.save(update_fields=["self_assessment", "self_assessed_at", "updated_at"])
    history.append(pledge, LedgerEntry.SELF_ASSESSMENT, {"text": text}, user=user)
    return pledge
