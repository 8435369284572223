"""The public 台账校验公示: the page, its JSON (for checking an export) and its feed.

Chains of objects outside the reader's scope appear only as counts and a combined digest
(anchors.public_view); the JSON and the feed are the public's view for everyone.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from . import anchors, registry
from .models import Publication

FEED_SIZE = 30


def _groups(publication, user):
    """Per source, per group (a 承诺书, an organisation) the reader may see: chains, links,
    heads; and the aggregate of the chains the public may not see."""
    public = anchors.public_of(publication)
    result = []
    for label, source in registry.sources().items():
        shown = dict(public["heads"].get(label, {}))
        if user.is_authenticated:
            mine = source.visible_chains(user)
            shown.update({c: v for c, v in publication.heads.get(label, {}).items()
                          if c in mine})
        rows = {}
        for chain_id, (head, count, group) in shown.items():
            row = rows.setdefault(group or chain_id, {"group": group or chain_id,
                                                      "chains": 0, "links": 0, "heads": []})
            row["chains"] += 1
            row["links"] += count
            row["heads"].append((chain_id, head, count))
        result.append({"title": source.title,
                       "rows": sorted(rows.values(), key=lambda r: r["group"]),
                       "restricted": public["restricted"].get(label)})
    return result


def _publication(pk):
    publications = Publication.objects.order_by("-published_at", "-pk")
    return publications.first() if pk is None else publications.filter(pk=pk).first()


@require_GET
def publication_page(request, pk=None):
    publications = Publication.objects.order_by("-published_at", "-pk")
    publication = _publication(pk)
    if pk is not None and publication is None:
        raise Http404("没有这一期台账校验公示。")
    return render(request, "integrity/publication.html", {
        "publication": publication,
        "sources": _groups(publication, request.user) if publication else [],
        "earlier": publications.only("pk", "published_at")[:FEED_SIZE],
    })


@csrf_exempt  # read-only: any method but GET/HEAD gets a 405, not a CSRF refusal
@require_GET
def publication_json(request, pk=None):
    publication = _publication(pk)
    if publication is None:
        raise Http404("没有这一期台账校验公示。")
    public = anchors.public_of(publication)
    return JsonResponse({"published_at": publication.published_at.isoformat(),
                         "digest": publication.digest, "key_id": publication.key_id,
                         "heads": public["heads"], "restricted": public["restricted"]},
                        json_dumps_params={"ensure_ascii": False, "indent": 1})


class PublicationFeed(Feed):
    title = "台账校验公示"
    description = "承诺践诺台账和三会一课记录防篡改校验链的每日链头公示。"

    def link(self):
        return reverse("integrity:page")

    def items(self):
        return Publication.objects.order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"台账校验公示 {timezone.localtime(item.published_at):%Y-%m-%d %H:%M}"

    def item_description(self, item):
        public = anchors.public_of(item)
        parts = []
        for label, chains in public["heads"].items():
            hidden = public["restricted"].get(label) or {}
            parts.append(f"{label}：{len(chains) + hidden.get('chains', 0)}条链，"
                         f"{sum(c[1] for c in chains.values()) + hidden.get('links', 0)}环")
        counts = "；".join(parts)
        return f"公示校验值 {item.digest}。{counts}"

    def item_link(self, item):
        return reverse("integrity:publication", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at
