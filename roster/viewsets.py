"""Admin screens for the roster (Wagtail ModelViewSets), scoped to the organisations the
user manages (roster.access): staff with the roster permissions see all, a 书记 their own."""

from django.forms import modelform_factory
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .access import RosterPermissionPolicy, manageable_organisations
from .forms import ScopedAdminForm
from .models import PartyGroup, RosterEntry


class ScopedQuerysetMixin:
    def get_base_queryset(self):
        return super().get_base_queryset().filter(
            organisation__in=manageable_organisations(self.request.user).values("pk"))


class ScopedObjectMixin:
    def get_object(self, queryset=None):
        from django.http import Http404

        obj = super().get_object(queryset)
        if not manageable_organisations(self.request.user).filter(pk=obj.organisation_id).exists():
            raise Http404("该党组织的名册不在您的管理范围内。")
        return obj


class RosterIndexView(ScopedQuerysetMixin, generic.IndexView):
    def get_header_buttons(self):
        from django.urls import reverse
        from wagtail.admin.widgets.button import HeaderButton

        return [*super().get_header_buttons(),
                HeaderButton("导入", url=reverse("roster:import"), icon_name="upload"),
                HeaderButton("导出", url=reverse("roster:export_form"), icon_name="download")]


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedIndexView(ScopedQuerysetMixin, generic.IndexView):
    pass


class _Scoped(ModelViewSet):
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    search_backend_name = None  # personal data stays out of every search index (ORM search)

    @property
    def permission_policy(self):
        return RosterPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return modelform_factory(self.model, form=ScopedAdminForm, fields=self.form_fields)


class RosterEntryViewSet(_Scoped):
    model = RosterEntry
    icon = "user"
    menu_label = "党员名册"
    url_namespace = "roster_entries"
    url_prefix = "roster/members"
    index_view_class = RosterIndexView
    form_fields = ["organisation", "name", "gender", "birth_month", "joined_on", "status",
                   "party_group", "contact", "user"]
    list_display = ["name", "organisation", "gender", Column("birth_month", label="出生年月",
                    accessor=lambda e: f"{e.birth_month:%Y-%m}"), "joined_on", "status",
                    "party_group"]
    list_filter = ["organisation", "status", "gender"]
    search_fields = ["name", "organisation__title"]


class PartyGroupViewSet(_Scoped):
    model = PartyGroup
    icon = "group"
    menu_label = "党小组"
    url_namespace = "roster_groups"
    url_prefix = "roster/groups"
    index_view_class = ScopedIndexView
    form_fields = ["organisation", "name"]
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__title"]


class RosterViewSetGroup(ModelViewSetGroup):
    menu_label = "党员名册"
    menu_icon = "group"
    menu_order = 260
    items = (RosterEntryViewSet, PartyGroupViewSet)
