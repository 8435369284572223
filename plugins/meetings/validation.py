"""Rules a record must satisfy, shared by the front-end form and the admin form.

Errors stop the save. Warnings (people not on the roster) are shown and need an
explicit confirmation before the record is saved; nothing is written until then.
"""

from django.utils import timezone

from .constants import MEETING_TYPE_LABELS
from .roster import display_name, roster

END_BEFORE_START = "结束时间必须晚于开始时间。"
IN_FUTURE = "开始时间{when}晚于当前时间：这里只登记已经召开的会议，请在会后录入。"
DUPLICATE = "本组织已于{when}登记过一次“{kind}”（主题：{topic}），请勿重复录入。"
TOO_LONG = "会议时长超过24小时，请检查开始和结束时间。"
REASON_REQUIRED = "该记录已于{when}锁定，修改须填写修改原因，原记录将被保留。"


def fmt(value):
    return timezone.localtime(value).strftime("%Y年%m月%d日 %H:%M")


def time_errors(start, end, now=None):
    """{field: message} for the start/end pair of a held meeting."""
    now = now or timezone.now()
    errors = {}
    if start and start > now:
        errors["start"] = IN_FUTURE.format(when=fmt(start))
    if start and end:
        if end <= start:
            errors["end"] = END_BEFORE_START
        elif (end - start).total_seconds() > 24 * 3600:
            errors["end"] = TOO_LONG
    return errors


def duplicate_of(organisation, meeting_type, start, topic="", exclude_pk=None):
    """An existing record of the same meeting: same organisation and type, and the same
    start time, or the same day and the same topic."""
    from .models import MeetingRecord

    if not (organisation and meeting_type and start):
        return None
    day = timezone.localtime(start).date()
    candidates = MeetingRecord.objects.filter(
        organisation=organisation, meeting_type=meeting_type, voided=False,
        start__date=day).exclude(pk=exclude_pk)
    for other in candidates:
        if other.start == start or other.topic.strip() == (topic or "").strip():
            return other
    return None


def duplicate_error(other):
    return DUPLICATE.format(when=fmt(other.start), kind=MEETING_TYPE_LABELS[other.meeting_type],
                            topic=other.topic)


def check_record(form, data, organisation):
    """The rules both record forms (front end and admin) apply: the times, no second record
    of the same meeting, and a reason for changing a locked record."""
    for name, message in time_errors(data.get("start"), data.get("end")).items():
        if name in data:
            form.add_error(name, message)
    other = duplicate_of(organisation, data.get("meeting_type"), data.get("start"),
                         data.get("topic"), exclude_pk=form.instance.pk)
    if other is not None:
        form.add_error(None, duplicate_error(other))
    record = form.instance
    if record.pk and record.locked and not (data.get("amend_reason") or "").strip():
        form.add_error("amend_reason", REASON_REQUIRED.format(when=fmt(record.locks_at)))


def roster_warnings(organisation, attendees=(), other_names=(), unmatched_absentees=()):
    """Messages about people who are not on the organisation's roster."""
    warnings = []
    on_roster = set(roster(organisation).values_list("pk", flat=True))
    strangers = [display_name(u) for u in attendees if u.pk not in on_roster]
    strangers += list(other_names)
    if strangers:
        warnings.append(f"以下出席人员不在{organisation.title}党员名册中：{'、'.join(strangers)}。"
                        "请核实（如为列席人员，请填入“列席人员”）。")
    if unmatched_absentees:
        warnings.append(f"以下缺席人员不在党员名册中：{'、'.join(unmatched_absentees)}。请核实姓名。")
    return warnings


def parse_absences(text):
    """Lines of “姓名：原因” -> ([(name, reason)], [error])."""
    entries, errors = [], []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        for sep in ("：", ":", "，", ","):
            if sep in line:
                name, reason = (part.strip() for part in line.split(sep, 1))
                break
        else:
            name, reason = line, ""
        if not name:
            errors.append(f"第{n}行缺少姓名。")
        elif not reason:
            errors.append(f"第{n}行“{name}”缺少缺席原因，请按“姓名：原因”填写。")
        elif len(name) > 30 or len(reason) > 200:
            errors.append(f"第{n}行过长：姓名不超过30字，原因不超过200字。")
        else:
            entries.append((name, reason))
    names = [name for name, _ in entries]
    for name in sorted({n for n in names if names.count(n) > 1}):
        errors.append(f"缺席人员“{name}”重复填写。")
    return entries, errors
