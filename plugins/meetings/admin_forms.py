"""Admin (Wagtail) forms: the same rules as the front end, on WagtailAdminModelForm."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from .models.records import split_names
from .validation import check_record, roster_warnings

CONFIRM_NEEDED = "请核实以上提示；确认无误后勾选“我已核实，仍然保存”再保存。"


class MeetingRecordAdminForm(WagtailAdminModelForm):
    amend_reason = forms.CharField(label="修改原因", required=False, max_length=500,
                                   widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text="记录锁定后修改必填；原记录保留在版本链中。")
    confirm_warnings = forms.BooleanField(label="我已核实，仍然保存", required=False,
                                          help_text="出席人员不在党员名册中时需要勾选确认。")

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation")
        check_record(self, data, organisation)
        if organisation and not self.errors:
            warnings = roster_warnings(organisation, data.get("attendees") or [],
                                       split_names(data.get("attendees_other")))
            if warnings and not data.get("confirm_warnings"):
                raise ValidationError(warnings + [CONFIRM_NEEDED])
        return data


class ObserverGroupAdminForm(WagtailAdminModelForm):
    """The group rule is the model's (ObserverGroup.clean): the ticked observers are handed
    to the instance in memory before the model validates, so the form shows its message."""

    def _post_clean(self):
        if "members" in self.cleaned_data:
            self.instance.members = list(self.cleaned_data["members"])
        super()._post_clean()
