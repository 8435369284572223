import django_filters
from wagtail.admin.views.reports.audit_logging import SiteHistoryReportFilterSet


class AuditLogFilterSet(SiteHistoryReportFilterSet):
    """Wagtail's site-history filters (action, user, date, name, type) and the portal's own."""

    username = django_filters.CharFilter(label="用户名（记录时）", method="filter_username")
    ip = django_filters.CharFilter(label="IP地址", method="filter_ip")
    detail = django_filters.CharFilter(label="说明包含", method="filter_detail")

    def filter_username(self, queryset, name, value):
        return queryset.filter(data__username__icontains=value)

    def filter_ip(self, queryset, name, value):
        return queryset.filter(data__ip__startswith=value)

    def filter_detail(self, queryset, name, value):
        return queryset.filter(data__detail__icontains=value)

    class Meta(SiteHistoryReportFilterSet.Meta):
        fields = []
