from django import forms

from .kinds import all_kinds
from .models import DELIVERY_CHOICES


class PreferencesForm(forms.Form):
    """One choice per known kind: 仅站内 / 站内+邮件 / 每日汇总."""

    def __init__(self, *args, initial_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_choices = initial_choices or {}
        for kind in all_kinds():
            self.fields[kind.code] = forms.ChoiceField(
                label=kind.label, choices=DELIVERY_CHOICES, help_text=kind.description,
                initial=initial_choices.get(kind.code, kind.default_delivery),
                widget=forms.RadioSelect,
                error_messages={"required": f"请为“{kind.label}”选择通知方式。",
                                "invalid_choice": f"“{kind.label}”的通知方式无效，请重新选择。"})
