from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .access import manageable_organisations
from .models import PartyGroup


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class ImportForm(forms.Form):
    organisation = OrganisationChoiceField(
        label="党组织", queryset=None, error_messages={
            "required": "请选择党组织。", "invalid_choice": "所选党组织不存在或您无权管理。"})
    file = forms.FileField(label="名册文件（.xlsx 或 .csv）", error_messages={
        "required": "请选择要导入的文件。", "empty": "文件是空的。"})

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = manageable_organisations(user).order_by("path")


class ScopedAdminForm(WagtailAdminModelForm):
    """Admin form whose 党组织 (and 党小组) choices are limited to what the user manages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            orgs = manageable_organisations(self.for_user)
            self.fields["organisation"].queryset = orgs.order_by("path")
            self.fields["organisation"].label_from_instance = lambda obj: obj.title
            if "party_group" in self.fields:
                self.fields["party_group"].queryset = PartyGroup.objects.filter(
                    organisation__in=orgs.values("pk"))
