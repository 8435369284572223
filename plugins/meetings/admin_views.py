"""Wagtail admin screens for the plugin, on ModelViewSet."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .admin_forms import MeetingRecordAdminForm, ObserverGroupAdminForm
from .models import FrequencyRule, MeetingRecord, ObserverEvaluation, ObserverGroup
from .versioning import append_version


class RecordCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        MeetingRecord.objects.filter(pk=instance.pk).update(created_by=self.request.user)
        instance.created_by = self.request.user
        append_version(instance, self.request.user, "")
        return instance


class RecordEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        append_version(instance, self.request.user, self.form.cleaned_data.get("amend_reason") or "")
        return instance


class RecordDeleteView(generic.DeleteView):
    """Records are never deleted: a mistaken one is withdrawn (作废), which its versions keep."""

    def dispatch(self, request, *args, **kwargs):
        messages.error(request, "会议记录不能删除。误录的记录请编辑并勾选“已作废”，并填写原因。")
        return redirect("meeting_records:edit", kwargs["pk"])


class MeetingRecordViewSet(ModelViewSet):
    model = MeetingRecord
    icon = "doc-full"
    menu_label = "会议记录"
    add_view_class = RecordCreateView
    edit_view_class = RecordEditView
    delete_view_class = RecordDeleteView
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["topic", "place", "host"]
    search_backend_name = None  # minutes stay out of every search index
    list_filter = ["meeting_type", "voided", "organisation"]
    list_display = [
        "topic",
        Column("organisation", label="党组织"),
        Column("meeting_type", label="会议类型", accessor="get_meeting_type_display"),
        Column("start", label="开始时间"),
        Column("locked", label="已锁定", accessor="locked_label"),
    ]
    edit_handler = ObjectList([
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("meeting_type")]),
            FieldPanel("topic"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("place"),
            FieldRowPanel([FieldPanel("host"), FieldPanel("recorder")]),
        ], heading="基本情况"),
        MultiFieldPanel([
            FieldPanel("attendees", widget=forms.CheckboxSelectMultiple),
            FieldPanel("attendees_other"),
            InlinePanel("absences", label="缺席人员及原因"),
            FieldPanel("in_attendance"),
        ], heading="出席、缺席和列席"),
        FieldPanel("content"),
        FieldPanel("votes"),
        FieldPanel("resolutions"),
        InlinePanel("attachments", label="附件和活动照片"),
        MultiFieldPanel([FieldPanel("voided"), FieldPanel("amend_reason"),
                         FieldPanel("confirm_warnings")], heading="作废、修改原因和确认"),
    ], base_form_class=MeetingRecordAdminForm)


class FrequencyRuleViewSet(ModelViewSet):
    model = FrequencyRule
    icon = "list-ol"
    menu_label = "频次规则"
    copy_view_enabled = False
    list_display = [
        Column("meeting_type", label="会议类型", accessor="get_meeting_type_display"),
        Column("describe", label="要求", accessor="describe"),
        "active",
    ]
    form_fields = ["meeting_type", "period", "min_count", "active", "note", "sort_order"]


class ObserverGroupViewSet(ModelViewSet):
    model = ObserverGroup
    icon = "group"
    menu_label = "观察小组"
    list_display = ["__str__", Column("organisation", label="被观摩党组织"), "year"]
    list_filter = ["year"]
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("year")]),
        FieldPanel("name"),
        FieldPanel("members", widget=forms.CheckboxSelectMultiple),
        FieldPanel("note"),
    ], base_form_class=ObserverGroupAdminForm)


class ObserverEvaluationViewSet(ModelViewSet):
    model = ObserverEvaluation
    icon = "tick"
    menu_label = "观察评价"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["record", "evaluator", "leadership_score", "quality_score", "effect_score",
                    "created_at"]
    form_fields = ["record", "group", "evaluator", "leadership_score", "leadership_comment",
                   "quality_score", "quality_comment", "effect_score", "effect_comment",
                   "strengths", "shortcomings", "suggestions"]


class MeetingsViewSetGroup(ModelViewSetGroup):
    menu_label = "三会一课"
    menu_icon = "date"
    menu_order = 260
    items = (MeetingRecordViewSet("meeting_records"), FrequencyRuleViewSet("meeting_rules"),
             ObserverGroupViewSet("observer_groups"), ObserverEvaluationViewSet("observer_evaluations"))
