"""The review form's hot path: the campaign row by slug, and its questions kept per process.

The form needs the targets, the criteria of each kind and the (target, criterion) questions
on every request. They change only when staff edit the campaign before its first response
(afterwards they are frozen), and every such change moves `Campaign.updated_at` on: the
campaign's own save does, and so does saving or deleting a target or a criterion (signals
below). So the layout is cached in this process under (campaign id, updated_at), and a
submission reads only the campaign row.

That row is read with SQL built once from the model's fields (`campaign_by_slug`), with
the backend's converters applied as the ORM applies them: the ORM spent longer compiling
the query than the database spent answering it.
"""

import threading
from dataclasses import dataclass

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.utils import timezone

MAX_CACHED = 32
_cache = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Question:
    target: object
    criterion: object
    name: str
    label: str


@dataclass(frozen=True)
class Layout:
    targets: tuple
    criteria: dict  # kind -> [Criterion] in stored order
    questions: tuple
    question_names: frozenset

    @property
    def questions_by_target(self):
        grouped = {}
        for q in self.questions:
            grouped.setdefault(q.target.pk, []).append(q)
        return grouped


_lookups = {}


def _campaign_lookup():
    """(sql, field names, converters) for the current connection's backend, built once."""
    from .models import Campaign

    found = _lookups.get(connection.vendor)
    if found is None:
        meta = Campaign._meta
        fields = meta.concrete_fields
        qn = connection.ops.quote_name
        sql = (f"SELECT {', '.join(qn(f.column) for f in fields)} FROM {qn(meta.db_table)} "
               f"WHERE {qn(meta.get_field('slug').column)} = %s")
        converters = []
        for i, f in enumerate(fields):
            col = f.get_col(meta.db_table)
            functions = connection.ops.get_db_converters(col) + f.get_db_converters(connection)
            if functions:
                converters.append((i, functions, col))
        found = _lookups[connection.vendor] = (sql, [f.attname for f in fields], converters)
    return found


def campaign_by_slug(slug):
    """Campaign.objects.get(slug=slug) without building the query each time; 404 if none."""
    from .models import Campaign

    sql, names, converters = _campaign_lookup()
    with connection.cursor() as cursor:
        cursor.execute(sql, [slug])
        row = cursor.fetchone()
    if row is None:
        raise Http404("没有找到该评议活动")
    row = list(row)
    for i, functions, col in converters:
        for function in functions:
            row[i] = function(row[i], col, connection)
    return Campaign.from_db(connection.alias, names, row)


def answer_name(target, criterion):
    return f"r-{target.pk}-{criterion.pk}"


def build_layout(campaign):
    targets = tuple(campaign.targets.all())
    criteria = {kind: campaign.criteria_for(kind) for kind in campaign.target_kinds()}
    questions = tuple(
        Question(target, criterion, answer_name(target, criterion),
                 f"{target.display_name}·{criterion.name}")
        for target in targets for criterion in criteria.get(target.kind, [])
    )
    return Layout(targets, criteria, questions, frozenset(q.name for q in questions))


def layout_for(campaign):
    """The campaign's layout; from this process's cache when the campaign is stored."""
    if campaign.pk is None or getattr(campaign, "_cluster_related_objects", None) \
            or campaign.updated_at is None:
        return build_layout(campaign)  # unsaved, or edited in memory: nothing to key on
    key = (campaign.pk, campaign.updated_at)
    layout = _cache.get(key)
    if layout is None:
        layout = build_layout(campaign)
        with _lock:
            if len(_cache) >= MAX_CACHED:
                _cache.clear()
            _cache[key] = layout
    return layout


def clear():
    with _lock:
        _cache.clear()


def _touch_campaign(sender, instance, **kwargs):
    """A target or criterion changed: move the campaign's updated_at on."""
    if kwargs.get("raw"):
        return
    from .models import Campaign

    if instance.campaign_id:
        Campaign.objects.filter(pk=instance.campaign_id).update(updated_at=timezone.now())


def connect():
    from .models import CampaignTarget, Criterion

    for model in (CampaignTarget, Criterion):
        post_save.connect(_touch_campaign, sender=model, dispatch_uid=f"reviews_layout_save_{model.__name__}")
        post_delete.connect(_touch_campaign, sender=model,
                            dispatch_uid=f"reviews_layout_delete_{model.__name__}")
