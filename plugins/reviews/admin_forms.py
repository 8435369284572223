"""Admin forms: a campaign's targets and criteria freeze once it has responses."""

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

FROZEN_MESSAGE = "本活动已收到评议，评议对象和评价指标不能再修改（否则已提交的评价将失去对应关系）。"


class CampaignAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk and instance.has_responses():
            for name in ("targets", "criteria"):
                formset = self.formsets.get(name)
                if formset is not None and formset.has_changed():
                    self.add_error(None, FROZEN_MESSAGE)
                    break
        return cleaned


class CommentModerationForm(WagtailAdminModelForm):
    def save(self, commit=True):
        comment = super().save(commit=False)
        if "status" in self.changed_data:
            comment.moderated_at = timezone.now()
            if getattr(self, "for_user", None) is not None:
                comment.moderated_by = self.for_user
        if commit:
            comment.save()
        return comment
