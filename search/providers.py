"""What the site search covers: one SearchProvider per kind of searchable item.

The core registers notices, experience cases and organisations; a plugin adds
its own by listing SearchProvider objects in its Plugin(search_providers=[...]).
A provider names an indexed model (usually a Page type) and, when it is not a
page type, how to narrow its queryset to what a ScopeResolver allows.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import cached_property


def keyword(name, value):
    """One provider keyword as stored and filtered on: "case_field:community"."""
    return f"{name}:{value}"


@dataclass(frozen=True)
class IndexScope:
    """Who may find an item in an external index (Elasticsearch), in the terms of the
    shared ScopeResolver, so the index applies the scope its `visible()` applies in SQL.

    audiences: the ScopeResolver.audiences() keys that may see it ("public", "party",
        "group:<id>", "superuser"); empty for nobody (a draft, a withdrawn item).
    path: the tree path of the page whose privacy also applies (a hidden subtree hides it).
    visible_from: not shown before this moment (a 通报 before its campaign closes).
    """

    audiences: tuple = ()
    path: str = ""
    visible_from: datetime.datetime | None = None


@dataclass(eq=False)
class SearchProvider:
    key: str  # the ?type= value, e.g. "notice"
    label: str  # shown to readers, e.g. "通知公告"
    model: object  # model class or "app_label.ModelName"
    date_field: str | None = "date"  # for the year filter and sorting by date
    organisation_field: str | None = None  # FK to pages.BranchPage, for the organisation filter
    has_tags: bool = False  # has a taggit `tags` manager, for the tag filter
    queryset: object = None  # callable(resolver) -> queryset of visible items (non-page models)
    order: int = 100
    # callable(obj) -> {name: value or [values]}: a kind's own facets (a plugin's 领域, say),
    # stored in the Elasticsearch document as "name:value" keywords to filter and count by.
    keywords: object = None
    # callable(obj) -> IndexScope, for kinds that are not pages (`queryset` set): what an
    # external index needs to apply the same scope as `queryset`. Pages need none: their
    # place in the tree and their live state are their scope.
    index_scope: object = None

    @cached_property
    def model_class(self):
        return apps.get_model(self.model) if isinstance(self.model, str) else self.model

    @property
    def is_page(self):
        from wagtail.models import Page

        return issubclass(self.model_class, Page)

    def visible(self, resolver):
        """Everything of this kind the requester may see (scope applied in SQL)."""
        if self.queryset is not None:
            return self.queryset(resolver)
        return resolver.filter(self.model_class.objects.live())

    # -- filters; each returns None when this kind cannot satisfy the filter --------
    def in_section(self, queryset, section):
        return queryset.descendant_of(section) if self.is_page else None

    def of_organisation(self, queryset, organisation):
        if self.organisation_field:
            return queryset.filter(**{self.organisation_field: organisation})
        from pages.models import BranchPage

        if issubclass(self.model_class, BranchPage):
            return queryset.descendant_of(organisation, inclusive=True)
        return None

    def in_year(self, queryset, year):
        if not self.date_field:
            return None
        return queryset.filter(**{f"{self.date_field}__year": year})

    def tagged(self, queryset, tag):
        return queryset.filter(tags__name=tag) if self.has_tags else None

    def keywords_of(self, obj):
        """The "name:value" keywords of `obj` (see `keywords`); empty values are left out."""
        if self.keywords is None:
            return []
        found = []
        for name, values in self.keywords(obj).items():
            for value in values if isinstance(values, (list, tuple)) else [values]:
                if value not in (None, ""):
                    found.append(keyword(name, value))
        return found

    def scope_for_index(self, obj):
        """The IndexScope of `obj` (see IndexScope): a page's is its tree path while it is
        live; any other kind's comes from its `index_scope`, nobody's without one."""
        if self.is_page:
            return IndexScope(("public",) if obj.live else (), obj.path)
        if self.index_scope is None:
            return IndexScope()
        return self.index_scope(obj)

    # -- display --------------------------------------------------------------------
    def date_of(self, obj):
        value = getattr(obj, self.date_field, None) if self.date_field else None
        if value is None:
            value = getattr(obj, "first_published_at", None)
        return value.date() if hasattr(value, "date") and callable(value.date) else value

    def url_of(self, obj, request=None):
        if hasattr(obj, "get_url"):
            return obj.get_url(request)
        return obj.get_absolute_url()


def core_providers():
    return [
        SearchProvider("notice", "通知公告", "pages.NoticePage",
                       organisation_field="organisation", has_tags=True, order=10),
        SearchProvider("experience", "经验交流", "pages.ExperienceCasePage",
                       organisation_field="organisation", has_tags=True, order=20),
        SearchProvider("branch", "党组织", "pages.BranchPage", date_field=None, order=30),
    ]


def all_providers():
    """Core providers and those of every enabled plugin, in display order."""
    from portal.plugins import registry

    found = core_providers()
    keys = {p.key for p in found}
    for plugin in registry.enabled():
        for provider in getattr(plugin, "search_providers", None) or []:
            if provider.key not in keys:
                found.append(provider)
                keys.add(provider.key)
    return sorted(found, key=lambda p: p.order)


def get_provider(key):
    return next((p for p in all_providers() if p.key == key), None)


def provider_for_model(model):
    for provider in all_providers():
        if issubclass(model, provider.model_class):
            return provider
    return None


def provider_for(obj):
    return provider_for_model(type(obj))
