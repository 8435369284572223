"""What a search hit shows: its title, address, date, type, scope label and highlighted
snippet, built from the loaded object (its search fields' related rows prefetched).

A `Card` holds what does not depend on the query; hit_of() adds the highlighting."""

from dataclasses import dataclass

from ..backends.database.indexer import prefetch_related_fields
from ..excerpts import excerpt_text, meta_of
from ..highlight import folded_snippet_text, highlight, snippet
from .base import Hit


@dataclass(frozen=True)
class Card:
    title: str
    url: str
    type: str
    type_label: str
    date: object
    scope: object
    text: object  # the reader-visible text snippets are cut from, prepared (highlight.Folded)
    meta: tuple = ()  # short facts for the meta line: 栏目, 发文机关, ... (search.excerpts)


def card_of(provider, obj, resolver, request=None):
    """The card of a loaded object (its search fields' related rows prefetched).

    Its excerpt is cut from what a reader sees of the item (search.excerpts), not from
    the indexed text, and its date is the item's own: a kind without a date field (党组织)
    shows none rather than the day it was published."""
    return Card(
        title=obj.title if hasattr(obj, "title") else str(obj),
        url=provider.url_of(obj, request),
        type=provider.key,
        type_label=provider.label,
        date=provider.date_of(obj) if provider.date_field else None,
        scope=resolver.scope_of(obj) if hasattr(obj, "path") else None,
        text=folded_snippet_text(excerpt_text(obj)),
        # A 栏目 named like the type ("通知公告 · 通知公告") says nothing twice.
        meta=tuple(fact for fact in meta_of(obj) if fact != provider.label),
    )


def prefetch_search_fields(provider, objs):
    """Snippets read each hit's search fields (tags, attachments, committee members):
    one query per relation for a page of one provider's hits, not one per hit; a page's
    hits also get their parent's title (`parent_title`, a meta line's 栏目) in one query."""
    prefetch_related_fields(provider.model_class, objs)
    if objs and provider.is_page:
        from wagtail.models import Page

        paths = {obj.path[:-obj.steplen] for obj in objs}
        titles = dict(Page.objects.filter(path__in=paths).values_list("path", "title"))
        for obj in objs:
            obj.parent_title = titles.get(obj.path[:-obj.steplen], "")


def hit_of(card, needles):
    return Hit(title=card.title, url=card.url, type=card.type, type_label=card.type_label,
               date=card.date, title_html=highlight(card.title, needles),
               snippet=snippet(card.text, needles), scope=card.scope, meta=card.meta)
