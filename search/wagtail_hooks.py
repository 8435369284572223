"""The admin's 检索同义词 list (a snippet viewset)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HotQueryStopWord, SynonymGroup


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


class HotQueryStopWordViewSet(SnippetViewSet):
    model = HotQueryStopWord
    icon = "cross"
    menu_label = "热搜屏蔽词"
    menu_name = "search-hot-stop-words"
    add_to_admin_menu = False
    list_display = ["word", "note"]
    search_fields = ["word", "note"]


register_snippet(HotQueryStopWordViewSet)
