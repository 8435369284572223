"""Admin screens (Wagtail ModelViewSets): periods are edited here; 承诺书 and the
ledger history are read-only, because they change only through the 审定 process
and the append-only chain.
"""

from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from portal.permissions import RefusedActionsPolicy

from .models import LedgerEntry, Period, Pledge


class PeriodViewSet(ModelViewSet):
    model = Period
    icon = "date"
    menu_label = "承诺期"
    add_to_admin_menu = False
    form_fields = ["name", "year", "half", "start_date", "end_date", "publish_start",
                   "publish_end", "report_due"]
    list_display = ["name", "start_date", "end_date", "publish_start", "publish_end",
                    "report_due"]
    list_filter = ["year", "half"]
    search_fields = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = True


class PledgeViewSet(ModelViewSet):
    model = Pledge
    icon = "doc-full"
    menu_label = "公开承诺书"
    add_to_admin_menu = False
    form_fields = ["scope"]
    list_display = ["__str__", "period", "kind", "state", "published_revision", "scope",
                    "updated_at"]
    list_filter = ["period", "kind", "state", "scope"]
    search_fields = ["organisation__title", "member__username", "member__first_name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["period", "kind", "organisation", "member", "scope", "state",
                           "published_revision", "published_at", "self_assessment",
                           "self_assessed_at", "created_at", "updated_at"]

    permission_policy = RefusedActionsPolicy(Pledge)


class LedgerEntryViewSet(ModelViewSet):
    model = LedgerEntry
    icon = "history"
    menu_label = "台账历史"
    add_to_admin_menu = False
    form_fields = ["kind"]
    list_display = ["pledge", "seq", "kind", "actor_label", "created_at"]
    list_filter = ["kind"]
    copy_view_enabled = False
    inspect_view_enabled = True

    permission_policy = RefusedActionsPolicy(LedgerEntry)


class CommitmentsViewSetGroup(ModelViewSetGroup):
    """Grouped for the viewsets' URL registration; the menu comes from the plugin registry."""

    menu_label = "承诺践诺"
    menu_icon = "tasks"
    add_to_admin_menu = False
    items = (PeriodViewSet("commitments_periods"), PledgeViewSet("commitments_pledges"),
             LedgerEntryViewSet("commitments_ledger"))
