"""Front-end forms: the 承诺书 items, 践诺记录 with evidence, 点评, 自评, filters, import."""

from django import forms
from django.core.exceptions import ValidationError

from pages.models import BranchPage

from .choices import CATEGORIES, GRADES, PLEDGE_KINDS, SCOPES, STATUSES
from .models import Period
from .uploads import MAX_FILES, check_upload

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    content = forms.CharField(label="承诺事项", max_length=300,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"required": "承诺事项不能为空。"})
    category = forms.ChoiceField(label="类别", choices=CATEGORIES)
    measures = forms.CharField(label="践诺措施", max_length=1000,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               error_messages={"required": "践诺措施不能为空。"})
    deadline = forms.DateField(label="完成时限", widget=DATE_WIDGET, error_messages={
        "required": "请填写完成时限。", "invalid": "完成时限应为有效日期，如2026-06-30。"})
    responsible = forms.CharField(label="责任人", max_length=50,
                                  error_messages={"required": "请填写责任人。"})
    weight = forms.IntegerField(label="权重", min_value=1, max_value=100, initial=1,
                                error_messages={"required": "请填写权重。",
                                                "min_value": "权重应为1至100的整数。",
                                                "max_value": "权重应为1至100的整数。",
                                                "invalid": "权重应为1至100的整数。"})

    def __init__(self, *args, period=None, **kwargs):
        self.period = period
        super().__init__(*args, **kwargs)

    def clean_deadline(self):
        value = self.cleaned_data["deadline"]
        period = self.period
        if period and not period.contains(value):
            raise ValidationError(f"完成时限应在{period.name}内"
                                  f"（{period.start_date:%Y-%m-%d}至{period.end_date:%Y-%m-%d}）。")
        return value

    def has_changed(self):
        """A blank extra row (only the defaults of its selects) is not an item."""
        if self.initial:
            return super().has_changed()
        return any((self.data.get(self.add_prefix(name)) or "").strip()
                   for name in ("content", "measures", "deadline", "responsible"))

    def as_item(self):
        data = dict(self.cleaned_data)
        data["deadline"] = data["deadline"].isoformat()
        if not data.get("id"):
            data.pop("id", None)
        return data


class BaseItemFormSet(forms.BaseFormSet):
    def __init__(self, *args, period=None, **kwargs):
        self.period = period
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "period": self.period}

    def clean(self):
        if any(self.errors):
            return
        if not self.items():
            raise ValidationError("请至少填写一项承诺事项。")

    def items(self):
        """Item dicts in order: kept rows, and extra rows that were filled in."""
        result = []
        for index, form in enumerate(self.forms):
            if self.can_delete and self._should_delete_form(form):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            result.append(form.as_item())
        return result


def item_formset(extra):
    return forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=extra, can_delete=True,
                                 max_num=60, validate_max=True, absolute_max=80)


class PledgeMetaForm(forms.Form):
    scope = forms.ChoiceField(label="公开范围", choices=SCOPES)


class StartPledgeForm(forms.Form):
    period = forms.ModelChoiceField(label="承诺期", queryset=Period.objects.all(), empty_label=None)
    kind = forms.ChoiceField(label="承诺主体", choices=PLEDGE_KINDS)
    organisation = forms.ModelChoiceField(label="党组织（党组织承诺）", required=False,
                                          queryset=BranchPage.objects.none())

    def __init__(self, *args, led=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = led if led is not None else BranchPage.objects.none()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(f"一次最多上传{MAX_FILES}个佐证材料。")
        errors, checked = [], []
        for upload in files:
            try:
                checked.append(check_upload(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class ProgressForm(forms.Form):
    date = forms.DateField(label="践诺日期", widget=DATE_WIDGET, error_messages={
        "required": "请填写践诺日期。", "invalid": "践诺日期应为有效日期。"})
    status = forms.ChoiceField(label="状态", choices=STATUSES)
    progress = forms.IntegerField(
        label="进度（%）", min_value=0, max_value=100,
        error_messages={"min_value": "进度应在0至100之间。", "max_value": "进度应在0至100之间。",
                        "required": "请填写进度。", "invalid": "进度应为0至100的整数。"})
    text = forms.CharField(label="践诺情况", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "请填写践诺情况。"})
    evidence = EvidenceField(label="佐证材料（照片或文档）", required=False,
                             help_text="支持 jpg、png、webp、pdf、doc、docx、xls、xlsx，每个文件不超过10MB，最多5个。")


class CommentForm(forms.Form):
    grade = forms.ChoiceField(label="点评等次", choices=GRADES)
    comment = forms.CharField(label="点评意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class SelfAssessmentForm(forms.Form):
    text = forms.CharField(label="党员自评", max_length=2000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text="对照承诺事项，查找不足，明确努力方向。")


class DecisionForm(forms.Form):
    note = forms.CharField(label="审定意见", max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    period = forms.ModelChoiceField(label="承诺期", queryset=Period.objects.all(), empty_label=None)
    file = forms.FileField(label="台账文件（.xlsx）")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError("请上传 .xlsx 格式的台账文件（可先下载导入模板）。")
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError("台账文件不能超过10MB。")
        return upload
