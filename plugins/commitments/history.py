"""Appending to the ledger of each 承诺书 (sealed by sealing.py after every entry)."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import LedgerActor, LedgerEntry, LedgerText, Pledge
from .models.ledger import ERASED_MEMBER, SYSTEM_ACTOR, SYSTEM_LABEL


def actor_name(user):
    if user is None:
        return "系统"
    name = user.get_full_name()
    return f"{name}（{user.get_username()}）" if name else user.get_username()


def actor_key(user=None, name=None):
    """The pseudonymous key an entry records for a user (or a bare name, as the demo and
    the tests give); the name itself is kept, and refreshed, in LedgerActor."""
    if user is None and not name:
        return SYSTEM_ACTOR
    name = name or actor_name(user)
    lookup = {"user": user} if user is not None else {"user__isnull": True, "name": name}
    actor = LedgerActor.objects.filter(**lookup).order_by("pk").first()
    if actor is None:
        actor = LedgerActor.objects.create(key=LedgerActor.new_key(), user=user, name=name)
    elif actor.name != name:
        LedgerActor.objects.filter(pk=actor.pk).update(name=name)
    return actor.key


def label_actors(entries):
    """Fill in `actor_label` of many entries with one query; returns them as a list."""
    entries = list(entries)
    names = dict(LedgerActor.objects.filter(
        key__in={e.actor_key for e in entries}).values_list("key", "name"))
    for entry in entries:
        entry.__dict__["actor_label"] = (
            SYSTEM_LABEL if entry.actor_key == SYSTEM_ACTOR
            else names.get(entry.actor_key, ERASED_MEMBER))
    return entries


@transaction.atomic
def append(pledge, kind, payload, user=None, item=None, actor=None):
    """Add one entry at the end of the 承诺书's ledger (its row is locked meanwhile) and seal
    the 承诺书. The free texts of the entry's kind (LedgerEntry.SEALED_FIELDS) are stored
    beside the entry, in LedgerText."""
    Pledge.objects.select_for_update().only("pk").get(pk=pledge.pk)
    last = LedgerEntry.objects.filter(pledge_id=pledge.pk).aggregate(seq=Max("seq"))["seq"]
    payload, texts = dict(payload), []
    for field in LedgerEntry.SEALED_FIELDS.get(kind, ()):
        if field in payload:
            texts.append(LedgerText(field=field, text=str(payload.pop(field) or "")))
    entry = LedgerEntry.objects.create(
        pledge_id=pledge.pk, seq=(last or 0) + 1, item=item, kind=kind, payload=payload,
        actor_key=actor_key(user, actor), created_at=timezone.now())
    for text in texts:
        text.entry = entry
    LedgerText.objects.bulk_create(texts)
    from . import sealing

    sealing.seal(pledge, f"台账第{entry.seq}条：{entry.get_kind_display()}")
    return entry
