"""Front-end forms: a meeting record entered by a branch committee member, and an
observer's evaluation of one meeting."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from .constants import ASPECTS, SCORE_CHOICES, SCORE_MAX, SCORE_MIN
from .models import MeetingAbsence, MeetingAttachment, MeetingRecord, ObserverEvaluation
from .models.observers import SCORE_MESSAGE
from .models.records import split_names
from .roster import display_name, match_names, roster
from .uploads import MultipleFileField
from .validation import check_record, parse_absences, roster_warnings
from .versioning import append_version

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
CONFIRM_NEEDED = "请核实上面的提示；确认无误后勾选“我已核实，仍然保存”再提交。"


def _datetime_field(label):
    return forms.DateTimeField(
        label=label, input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        error_messages={"required": f"请填写{label}。", "invalid": f"{label}格式不正确。"})


class RosterChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return display_name(obj)


class MeetingRecordForm(forms.ModelForm):
    start = _datetime_field("开始时间")
    end = _datetime_field("结束时间")
    attendees = RosterChoiceField(queryset=None, required=False, label="出席人员",
                                  widget=forms.CheckboxSelectMultiple,
                                  help_text="从本组织党员名册中勾选实际出席的党员。")
    absences_text = forms.CharField(
        label="缺席人员及原因", required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "张三：出差\n李四：病假"}),
        help_text="每行一人，格式“姓名：原因”。")
    documents = MultipleFileField(label="附件", required=False,
                                  help_text="签到表、党课稿、会议材料等，可多选。")
    photos = MultipleFileField(label="活动照片", required=False, photos=True,
                               help_text="jpg、png或webp格式，可多选。")
    amend_reason = forms.CharField(label="修改原因", required=False, max_length=500,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    confirm_warnings = forms.BooleanField(label="我已核实以上提示，仍然保存", required=False)

    class Meta:
        model = MeetingRecord
        fields = ["meeting_type", "topic", "start", "end", "place", "host", "recorder",
                  "attendees", "attendees_other", "in_attendance", "content", "votes",
                  "resolutions", "voided"]
        widgets = {
            "attendees_other": forms.Textarea(attrs={"rows": 2}),
            "in_attendance": forms.Textarea(attrs={"rows": 2}),
            "content": forms.Textarea(attrs={"rows": 8}),
            "votes": forms.Textarea(attrs={"rows": 3}),
            "resolutions": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "topic": {"required": "请填写会议主题。"},
            "place": {"required": "请填写会议地点。"},
            "host": {"required": "请填写主持人。"},
            "recorder": {"required": "请填写记录人。"},
            "content": {"required": "请填写会议内容及发言情况。"},
            "meeting_type": {"required": "请选择会议类型。"},
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.warnings = []
        self.absence_entries = []
        members = roster(organisation)
        if self.instance.pk:
            current = self.instance.attendees.values_list("pk", flat=True)
            members = (members | members.model.objects.filter(pk__in=list(current))).distinct()
            self.initial["absences_text"] = "\n".join(
                f"{a.name}：{a.reason}" for a in self.instance.absences.all())
        else:
            del self.fields["voided"]
        self.fields["attendees"].queryset = members
        if not (self.instance.pk and self.instance.locked):
            self.fields["amend_reason"].help_text = "选填。记录锁定后修改须填写原因。"
        else:
            self.fields["amend_reason"].help_text = "必填。原记录会保留，修改写入防篡改版本链。"

    @property
    def locked(self):
        return bool(self.instance.pk and self.instance.locked)

    def clean(self):
        data = super().clean()
        check_record(self, data, self.organisation)
        entries, errors = parse_absences(data.get("absences_text"))
        if errors:
            self.add_error("absences_text", errors)
        attendees = list(data.get("attendees") or [])
        attending = {display_name(u) for u in attendees} | set(split_names(data.get("attendees_other")))
        both = [name for name, _ in entries if name in attending]
        if both:
            self.add_error("absences_text", f"{'、'.join(both)}同时登记为出席和缺席，请核对。")
        matched, unmatched = match_names(self.organisation, [name for name, _ in entries])
        self.absence_entries = [(name, matched.get(name), reason) for name, reason in entries]
        if not self.errors:
            self.warnings = roster_warnings(self.organisation, attendees,
                                            split_names(data.get("attendees_other")), unmatched)
            if self.warnings and not data.get("confirm_warnings"):
                raise ValidationError(CONFIRM_NEEDED, code="unconfirmed")
        return data

    def save(self, user):
        """Write the record, its absences and files, and seal a version: all or nothing."""
        with transaction.atomic():
            record = super().save(commit=False)
            record.organisation = self.organisation
            if record.pk is None:
                record.created_by = user
            self.save_m2m()
            record.absences = [MeetingAbsence(name=name, member=member, reason=reason)
                               for name, member, reason in self.absence_entries]
            record.save()
            for kind, files in (("document", self.cleaned_data.get("documents") or []),
                                ("photo", self.cleaned_data.get("photos") or [])):
                for f in files:
                    MeetingAttachment.objects.create(record=record, kind=kind, file=f,
                                                     title=f.name[:200])
            append_version(record, user, self.cleaned_data.get("amend_reason") or "")
        return record


class ObserverEvaluationForm(forms.ModelForm):
    class Meta:
        model = ObserverEvaluation
        fields = ["leadership_score", "leadership_comment", "quality_score", "quality_comment",
                  "effect_score", "effect_comment", "strengths", "shortcomings", "suggestions"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in
                   ["leadership_comment", "quality_comment", "effect_comment", "strengths",
                    "shortcomings", "suggestions"]}

    def __init__(self, *args, record, evaluator, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.record, self.evaluator, self.group = record, evaluator, group
        for aspect, label in ASPECTS:
            self.fields[f"{aspect}_score"] = forms.IntegerField(
                label=f"{label}评分", min_value=SCORE_MIN, max_value=SCORE_MAX,
                widget=forms.Select(choices=[("", "请选择")] + SCORE_CHOICES),
                error_messages={"required": f"请为“{label}”打分。", "invalid": SCORE_MESSAGE,
                                "min_value": SCORE_MESSAGE, "max_value": SCORE_MESSAGE})

    def aspect_rows(self):
        return [(label, self[f"{a}_score"], self[f"{a}_comment"]) for a, label in ASPECTS]

    def clean(self):
        data = super().clean()
        if ObserverEvaluation.objects.filter(record=self.record, evaluator=self.evaluator).exists():
            raise ValidationError("您已提交过对这次会议的观察评价，不能重复提交。")
        return data

    def save(self, commit=True):
        evaluation = super().save(commit=False)
        evaluation.record, evaluation.evaluator, evaluation.group = (
            self.record, self.evaluator, self.group)
        if commit:
            evaluation.save()
        return evaluation
