"""The admin's 阅知 screen: editors mark a notice 需阅知 for an audience."""

from django.urls import reverse
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ReadRequest


class StatusColumn(Column):
    def get_value(self, instance):
        return reverse("acknowledgements:status", args=[instance.pk])

    cell_template_name = "acknowledgements/admin/status_cell.html"


class CreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        ReadRequest.objects.filter(pk=instance.pk).update(created_by=self.request.user)
        return instance


class ReadRequestViewSet(ModelViewSet):
    model = ReadRequest
    add_view_class = CreateView
    icon = "tick-inverse"
    menu_label = "阅知"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["page", "audience", "deadline", "created_at",
                    StatusColumn("status", label="阅知情况")]


read_request_viewset = ReadRequestViewSet("read_requests")
