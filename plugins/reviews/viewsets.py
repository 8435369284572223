"""Wagtail admin viewsets for the plugin, grouped under one 群众评议 menu."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy

from portal.permissions import RefusedActionsPolicy

from .models import Campaign, Comment, Rectification, Response
from .roster_targets import roster_targets_view
from .views import admin as admin_views


class CampaignIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        user = self.request.user
        if user.has_perm("reviews.view_results"):
            buttons.append(MenuItem("统计表", reverse("review_campaigns:statistics",
                                                    args=[instance.pk]),
                                    icon_name="table", priority=5))
        if user.has_perm("reviews.change_campaign"):
            buttons.append(MenuItem("评议码", reverse("review_campaigns:codes", args=[instance.pk]),
                                    icon_name="key", priority=6))
            buttons.append(MenuItem("从党员名册添加评议对象",
                                    reverse("review_campaigns:roster_targets", args=[instance.pk]),
                                    icon_name="group", priority=6))
        buttons.append(MenuItem("前台页面", reverse("reviews:form", args=[instance.slug]),
                                icon_name="link-external", priority=7))
        return buttons


class CampaignPolicy(ModelPermissionPolicy):
    """A campaign that has received responses can no longer be deleted."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.has_responses():
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class CampaignDeleteView(DeleteView):
    """A campaign that has received responses is evidence: it cannot be deleted."""

    def dispatch(self, request, *args, **kwargs):
        campaign = get_object_or_404(Campaign, pk=kwargs.get("pk"))
        if campaign.has_responses():
            messages.error(request, "本活动已收到评议，评议记录只能新增不能删除，因此活动不能删除。")
            return redirect("review_campaigns:index")
        return super().dispatch(request, *args, **kwargs)


class CampaignViewSet(ModelViewSet):
    model = Campaign
    name = "review_campaigns"
    url_prefix = "reviews/campaigns"
    icon = "clipboard-list"
    menu_label = "评议活动"
    menu_order = 100
    index_view_class = CampaignIndexView
    delete_view_class = CampaignDeleteView
    list_display = ["title", "period", Column("status", label="状态", accessor="status_label"), "opens_at",
                    "closes_at", "publication_scope"]
    search_fields = ["title", "period"]
    copy_view_enabled = False

    permission_policy = CampaignPolicy(Campaign)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("statistics/<int:pk>/", admin_views.statistics_view, name="statistics"),
            path("statistics/<int:pk>/export.xlsx", admin_views.export_xlsx, name="export"),
            path("statistics/<int:pk>/publish/", admin_views.publish, name="publish"),
            path("codes/<int:pk>/", admin_views.codes_view, name="codes"),
            path("roster/<int:pk>/", roster_targets_view, name="roster_targets"),
            path("codes/<int:pk>/batch-<int:batch>/", admin_views.codes_sheet, name="codes_sheet"),
        ]


class CommentTextColumn(Column):
    def get_value(self, instance):
        return instance.text[:60]


class ContactColumn(Column):
    """The respondent's phone: masked unless the user may see full numbers."""

    def get_value(self, instance):
        return ""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        contact = getattr(instance.response, "contact", None) if instance.response_id else None
        user = parent_context["request"].user
        context["value"] = contact.phone_for(user) if contact else "—"
        return context


class CommentViewSet(ModelViewSet):
    model = Comment
    name = "review_comments"
    url_prefix = "reviews/comments"
    icon = "comment"
    menu_label = "意见审核"
    add_to_reference_index = False
    menu_order = 110
    list_display = [CommentTextColumn("text", label="意见建议"), "campaign", "status",
                    ContactColumn("contact", label="联系电话"), "created_at"]
    list_filter = ["status", "campaign"]
    ordering = ["status", "-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = False

    # Moderated (changed), never created or deleted from the admin.
    permission_policy = RefusedActionsPolicy(Comment, refused=("add", "delete"))

    def get_queryset(self, request):
        return Comment.objects.select_related("campaign", "response__contact")


class ResponseViewSet(ModelViewSet):
    model = Response
    name = "review_responses"
    url_prefix = "reviews/responses"
    icon = "list-ul"
    menu_label = "评议记录（只读）"
    add_to_reference_index = False  # nothing links to a response; keeps submissions lean
    menu_order = 120
    list_display = ["id", "campaign", "category", "channel", "submitted_at"]
    list_filter = ["campaign", "category", "channel"]
    inspect_view_enabled = True
    inspect_view_fields = ["campaign", "category", "channel", "submitted_at"]
    copy_view_enabled = False
    form_fields = ["campaign"]  # never shown: the policy refuses add and edit

    permission_policy = RefusedActionsPolicy(Response)  # append-only


class RectificationViewSet(ModelViewSet):
    model = Rectification
    name = "review_rectifications"
    url_prefix = "reviews/rectifications"
    icon = "tasks"
    menu_label = "整改台账"
    menu_order = 130
    list_display = ["target", "problem", "deadline", "status", "campaign"]
    list_filter = ["campaign", "status"]
    copy_view_enabled = False


class ReviewsViewSetGroup(ModelViewSetGroup):
    menu_label = "群众评议"
    menu_icon = "clipboard-list"
    menu_order = 310
    items = [CampaignViewSet, CommentViewSet, ResponseViewSet, RectificationViewSet]

