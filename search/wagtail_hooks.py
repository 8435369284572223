"""The admin's 检索同义词 list (a snippet viewset)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "检索同义词"
    menu_name = "search-synonyms"
    add_to_admin_menu = False
    list_display = ["__str__", "note", "enabled"]
    list_filter = ["enabled"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)
