"""The public review form: one radio group per (target, criterion), built from the campaign.

The answers are not Django form fields: a campaign has tens of them (8 targets x 5 criteria
in the benchmark), and building and cleaning a ChoiceField with its RadioSelect for each was
most of a submission's CPU time. They are checked by `_clean_answers` with the same rules and
messages (required, one of the four levels) and their errors sit in `form.errors` under the
answer's name, as a field's would; the template draws them from `sections()`.
"""

import re
import time
from dataclasses import dataclass, field

from captcha.conf import settings as captcha_settings
from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.db import connection
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils import timezone

from .constants import ANONYMOUS_CATEGORIES, COMMENT_MAX_LENGTH, LEVEL_CODES, LEVELS
from .layout import answer_name, layout_for
from .models.codes import CODE_LENGTH, normalise_code

ANSWER_REQUIRED = "请选择评价等次。"
ANSWER_INVALID = "评价等次无效。"
CAPTCHA_SWEEP_SECONDS = 60
_last_captcha_sweep = 0.0


def consume_captcha(hashkey):
    """Delete the challenge `hashkey` if it has not expired; return its answer or None.

    One statement (DELETE ... RETURNING) instead of django-simple-captcha's look-up and
    delete: a challenge can be tried once, right or wrong, and of two simultaneous uses
    only one gets the row back.
    """
    table = connection.ops.quote_name(CaptchaStore._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE hashkey = %s AND expiration > %s "
                       "RETURNING response", [str(hashkey or "")[:40], timezone.now()])
        row = cursor.fetchone()
    return row[0] if row else None


def sweep_expired_captchas(force=False):
    """Remove expired challenges, at most once a minute per process, when forms are shown.

    django-simple-captcha does this on every check; here it stays out of the submission's
    transaction, where concurrent submissions would queue on the same expired rows.
    """
    global _last_captcha_sweep
    if captcha_settings.CAPTCHA_GET_FROM_POOL:
        return
    now = time.monotonic()
    if force or now - _last_captcha_sweep >= CAPTCHA_SWEEP_SECONDS:
        _last_captcha_sweep = now
        CaptchaStore.remove_expired()

ANSWER_PREFIX = "r-"
PHONE_RE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")


class PortalCaptchaInput(CaptchaTextInput):
    """django-simple-captcha's widget, with the image served under the plugin's own URLs."""

    template_name = "reviews/includes/captcha_widget.html"

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        sweep_expired_captchas()
        self._key = CaptchaStore.generate_key(generator)
        self._value = [self._key, ""]
        self.id_ = self.build_attrs(attrs or {}).get("id", None)

    def image_url(self):
        return reverse("reviews:captcha_image", kwargs={"key": self._key})

    def audio_url(self):
        return None


class PortalCaptchaField(CaptchaField):
    """CaptchaField whose check is one statement (see consume_captcha); same rules."""

    def clean(self, value):
        forms.MultiValueField.clean(self, value)  # required / malformed
        response, value[1] = (value[1] or "").strip().lower(), ""
        stored = consume_captcha(value[0])
        if captcha_settings.CAPTCHA_TEST_MODE and response == "passed":
            return value
        if stored is None or stored != response:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


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
        layout = layout_for(campaign)
        self.targets = layout.targets
        self.criteria = layout.criteria
        self.questions = layout.questions
        self.question_names = layout.question_names
        self.answers = {}
        if anonymous:
            self.fields["category"] = forms.ChoiceField(
                label="您的身份", choices=ANONYMOUS_CATEGORIES, widget=forms.RadioSelect,
                error_messages={"required": "请选择您的身份。"})
            if code_mode:
                self.fields["code"] = forms.CharField(
                    label="评议码", max_length=20,
                    help_text="请输入纸质评议单上的8位评议码，字母不区分大小写。",
                    error_messages={"required": "请输入评议码。"})
            self.fields["captcha"] = PortalCaptchaField(
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

    answer_name = staticmethod(answer_name)

    # -- validation -------------------------------------------------------------------------
    def full_clean(self):
        # The answers first, as their fields came first when they were form fields.
        self.answers = {}
        self._answer_errors = {}
        if self.is_bound:
            self._clean_answers()
        super().full_clean()
        if self.is_bound and self._answer_errors:
            # Ahead of the other fields' errors, in question order.
            merged = ErrorDict(renderer=self.renderer)
            merged.update(self._answer_errors)
            merged.update(self._errors)
            self._errors = merged

    def _clean_answers(self):
        data = self.data
        for question in self.questions:
            value = data.get(question.name)
            if value is None or value == "":
                self._answer_errors[question.name] = self.error_class([ANSWER_REQUIRED], renderer=self.renderer)
            elif value not in LEVEL_CODES:
                self._answer_errors[question.name] = self.error_class([ANSWER_INVALID], renderer=self.renderer)
            else:
                self.answers[question.name] = value

    def clean(self):
        cleaned = super().clean()
        unknown = [key for key in self.data if key.startswith(ANSWER_PREFIX)
                   and key not in self.question_names]
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

    def clean_contact_phone(self):
        phone = re.sub(r"[\s]", "", self.cleaned_data.get("contact_phone") or "")
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError("请填写正确的手机号码或固定电话，或留空。")
        return phone

    # -- what the view and the template need ---------------------------------------------------
    def levels_by_target(self):
        answers, levels = self.answers, {t.pk: "" for t in self.targets}
        for q in self.questions:  # grouped by target, criteria in stored order
            levels[q.target.pk] += answers[q.name]
        return levels

    def sections(self):
        result, by_target = [], {}
        errors = self.errors if self.is_bound else {}
        for target in self.targets:
            by_target[target.pk] = TargetSection(target)
            result.append(by_target[target.pk])
        for q in self.questions:
            value = self.data.get(q.name, "") if self.is_bound else ""
            by_target[q.target.pk].rows.append(
                AnswerRow(q.criterion, q.name, value, list(errors.get(q.name, []))))
        return result

    def missing_answers(self):
        """Labels of the questions left unanswered, for the summary at the top."""
        if not self.is_bound:
            return []
        errors = self.errors
        return [q.label for q in self.questions if ANSWER_REQUIRED in errors.get(q.name, ())]

    def other_errors(self):
        if not self.is_bound:
            return []
        return [(self.fields[name].label if name in self.fields else "", e)
                for name, errors in self.errors.items() if name not in self.question_names
                for e in errors]

    @property
    def levels(self):
        return LEVELS
