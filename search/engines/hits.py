"""What a search hit shows apart from its highlights, kept per page-cache generation.

A hit's title, address, date, type, scope label and the search text its snippet is cut
from do not depend on the query. Building them meant loading the object, prefetching
its tags, attachments and committee members, and reading its search fields
(RawDocument) -- most of a cold search's Python time. A `Card` holds them, kept under
`search:hit` (caching.memo) for the current page-cache generation, so a hit already
shown to the same audience skips all of that; only the highlighting runs per query.

Scope stays exact because a card is only ever looked up for a primary key the
requester's own count and candidates queries returned (scope and filters in their
SQL), and any publication, withdrawal, edit or privacy change moves the generation on.
The key adds the audience anyway -- host (addresses depend on the site), logged in or
not, hidden subtrees -- so nothing read for a member is ever served to the public or
the other way round, even through a bug elsewhere.
"""

import contextvars
import dataclasses
from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.models import Page

from caching import memo

from ..backends.database.indexer import related_names
from ..excerpts import excerpt_text, meta_of
from ..highlight import folded_snippet_text, highlight, snippet
from .base import Hit

HIT_NAME = "search:hit"
HIT_ENTRIES = 2000  # per worker and generation; a card is a few KiB of text
# Off for one call (tests, and measuring a search whose hits were never shown).
use_hit_memo = contextvars.ContextVar("search_use_hit_memo", default=True)


@dataclass(frozen=True)
class Card:
    title: str
    url: str
    type: str
    type_label: str
    date: object
    scope: object
    text: object  # the reader-visible text snippets are cut from, prepared (highlight.Folded)
    meta_html: str = ""  # its type, facts, date and scope line, rendered once
    meta: tuple = ()  # short facts for the meta line: 栏目, 发文机关, ... (search.excerpts)

    def with_meta(self):
        meta = render_to_string("search/includes/hit_meta.html", {"hit": self})
        return dataclasses.replace(self, meta_html=mark_safe(meta.strip()))


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
    ).with_meta()


def prefetch_search_fields(provider, objs):
    """Snippets read each hit's search fields (tags, attachments, committee members):
    one query per relation for a page of one provider's hits, not one per hit."""
    for name in related_names(provider.model_class):
        try:
            prefetch_related_objects(objs, name)
        except (AttributeError, ValueError, TypeError):
            pass  # not prefetchable (a method, say); each object reads its own
    if issubclass(provider.model_class, Page):
        # The meta line names each hit's 栏目: one query for all their parents' titles.
        parents = {obj.path[:-Page.steplen] for obj in objs}
        titles = dict(Page.objects.filter(path__in=parents).values_list("path", "title"))
        for obj in objs:
            obj.parent_title = titles.get(obj.path[:-Page.steplen], "")


def hit_of(card, needles):
    return Hit(title=card.title, url=card.url, type=card.type, type_label=card.type_label,
               date=card.date, title_html=highlight(card.title, needles),
               snippet=snippet(card.text, needles), scope=card.scope, meta_html=card.meta_html,
               meta=card.meta)


class Cards:
    """The cards of one search: those kept for its audience, and new ones kept as built."""

    def __init__(self, resolver, request, generation):
        self.resolver, self.request = resolver, request
        self.generation = generation if use_hit_memo.get() else None
        user = getattr(resolver, "user", None)
        self.audience = (request.get_host() if request is not None else None,
                         bool(user is not None and user.is_authenticated),
                         tuple(resolver.hidden_paths))

    def key(self, provider, pk):
        return (provider.key, pk, *self.audience)

    def kept(self, pairs):
        """{(provider key, pk): card} of the kept cards among (provider, pk) pairs."""
        keys = {self.key(provider, pk): (provider.key, pk) for provider, pk in pairs}
        found = memo.kept(HIT_NAME, keys, self.generation)
        return {keys[key]: card for key, card in found.items()}

    def build(self, provider, obj):
        card = card_of(provider, obj, self.resolver, self.request)
        memo.keep(HIT_NAME, self.key(provider, obj.pk), card, self.generation,
                  max_entries=HIT_ENTRIES)
        return card
