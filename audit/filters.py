import django_filters
from django.contrib.auth import get_user_model
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from .constants import ACTIONS
from .models import AuditEvent


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.MultipleChoiceFilter(label="操作", choices=ACTIONS)
    username = django_filters.CharFilter(label="用户名", lookup_expr="icontains")
    user = django_filters.ModelChoiceFilter(label="用户", queryset=lambda request: (
        get_user_model().objects.order_by(get_user_model().USERNAME_FIELD)))
    created_at = django_filters.DateFromToRangeFilter(label="日期范围",
                                                      widget=DateRangePickerWidget)
    ip_address = django_filters.CharFilter(label="IP地址", lookup_expr="startswith")

    class Meta:
        model = AuditEvent
        fields = ["action", "username", "user", "created_at", "ip_address"]
