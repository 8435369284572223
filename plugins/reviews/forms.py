"""The public review form: one radio group per (target, criterion), built from the campaign."""

import re
from dataclasses import dataclass, field

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.urls import reverse

from .constants import ANONYMOUS_CATEGORIES, COMMENT_MAX_LENGTH, LEVELS
from .models.codes import CODE_LENGTH, normalise_code

ANSWER_PREFIX = "r-"
ANSWER_RE = re.compile(r"^r-(\d+)-(\d+)$")
PHONE_RE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")


class PortalCaptchaInput(CaptchaTextInput):
    """django-simple-captcha's widget, with the image served under the plugin's own URLs."""

    template_name = "reviews/includes/captcha_widget.html"

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        from captcha.models import CaptchaStore

        self._key = CaptchaStore.generate_key(generator)
        self._value = [self._key, ""]
        self.id_ = self.build_attrs(attrs or {}).get("id", None)

    def image_url(self):
        return reverse("reviews:captcha_image", kwargs={"key": self._key})

    def audio_url(self):
        return None


@dataclass
class AnswerRow:
    criterion: object
    name: str
    value: str
    errors: list


@dataclass
class TargetSection:
    target: object
    rows: list = field(default_factory=list)

    @property
    def has_errors(self):
        return any(row.errors for row in self.rows)


class ReviewForm(forms.Form):
    def __init__(self, campaign, *, anonymous, code_mode, **kwargs):
        super().__init__(**kwargs)
        self.campaign = campaign
        self.anonymous = anonymous
        self.code_mode = code_mode
        self.targets = list(campaign.targets.all())
        self.criteria = {kind: campaign.criteria_for(kind) for kind in campaign.target_kinds()}
        for target in self.targets:
            for criterion in self.criteria.get(target.kind, []):
                self.fields[self.answer_name(target, criterion)] = forms.ChoiceField(
                    label=f"{target.display_name}·{criterion.name}",
                    choices=LEVELS, widget=forms.RadioSelect,
                    error_messages={"required": "请选择评价等次。",
                                    "invalid_choice": "评价等次无效。"})
        if anonymous:
            self.fields["category"] = forms.ChoiceField(
                label="您的身份", choices=ANONYMOUS_CATEGORIES, widget=forms.RadioSelect,
                error_messages={"required": "请选择您的身份。"})
            if code_mode:
                self.fields["code"] = forms.CharField(
                    label="评议码", max_length=20,
                    help_text="请输入纸质评议单上的8位评议码，字母不区分大小写。",
                    error_messages={"required": "请输入评议码。"})
            self.fields["captcha"] = CaptchaField(
                label="验证码", widget=PortalCaptchaInput(),
                error_messages={"invalid": "验证码不正确或已过期，请重新输入。",
                                "required": "请输入验证码。"})
        if campaign.allow_comments:
            self.fields["comment"] = forms.CharField(
                label="意见建议（选填）", required=False, max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=f"不超过{COMMENT_MAX_LENGTH}字。意见经审核后方可随通报公开，不公开您的身份。",
                error_messages={"max_length": f"意见建议不能超过{COMMENT_MAX_LENGTH}字。"})
        if campaign.ask_contact:
            self.fields["contact_phone"] = forms.CharField(
                label="联系电话（选填）", required=False, max_length=20,
                help_text="仅用于回访，加密保存，到期自动清除。",
                widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))

    @staticmethod
    def answer_name(target, criterion):
        return f"{ANSWER_PREFIX}{target.pk}-{criterion.pk}"

    # -- validation -------------------------------------------------------------------------
    def clean(self):
        cleaned = super().clean()
        unknown = [key for key in self.data if key.startswith(ANSWER_PREFIX)
                   and key not in self.fields]
        if unknown:
            raise forms.ValidationError(
                "提交的评议对象或评价指标不属于本次评议活动，请刷新页面后重新填写。",
                code="unknown_target")
        return cleaned

    def clean_code(self):
        code = normalise_code(self.cleaned_data.get("code"))
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError("评议码应为8位字母和数字。")
        return code

    def clean_comment(self):
        return (self.cleaned_data.get("comment") or "").strip()

    def clean_contact_phone(self):
        phone = re.sub(r"[\s]", "", self.cleaned_data.get("contact_phone") or "")
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError("请填写正确的手机号码或固定电话，或留空。")
        return phone

    # -- what the view and the template need ---------------------------------------------------
    def levels_by_target(self):
        return {
            target.pk: "".join(self.cleaned_data[self.answer_name(target, c)]
                               for c in self.criteria.get(target.kind, []))
            for target in self.targets
        }

    def sections(self):
        result = []
        for target in self.targets:
            section = TargetSection(target)
            for criterion in self.criteria.get(target.kind, []):
                name = self.answer_name(target, criterion)
                value = self.data.get(name, "") if self.is_bound else ""
                section.rows.append(AnswerRow(criterion, name, value,
                                              list(self.errors.get(name, [])) if self.is_bound else []))
            result.append(section)
        return result

    def missing_answers(self):
        """Labels of the questions left unanswered, for the summary at the top."""
        if not self.is_bound:
            return []
        return [self.fields[name].label for name, errors in self.errors.items()
                if name.startswith(ANSWER_PREFIX) and name in self.fields
                and any(e == "请选择评价等次。" for e in errors)]

    def other_errors(self):
        if not self.is_bound:
            return []
        return [(self.fields[name].label if name in self.fields else "", e)
                for name, errors in self.errors.items() if not name.startswith(ANSWER_PREFIX)
                for e in errors]

    @property
    def levels(self):
        return LEVELS
