"""Appending to and verifying the hash-chained ledger of each 承诺书."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from .choices import STATUS_LABELS
from .models import CommitmentItem, LedgerActor, LedgerEntry, LedgerText, Pledge
from .models.ledger import (
    ERASED_MEMBER,
    GENESIS,
    SYSTEM_ACTOR,
    SYSTEM_LABEL,
    new_salt,
    seal,
)

CONTENT_FIELDS = ("content", "category", "measures", "deadline", "responsible", "weight")


def actor_name(user):
    if user is None:
        return "系统"
    name = user.get_full_name()
    return f"{name}（{user.get_username()}）" if name else user.get_username()


def content_digest(items):
    """A digest of the approved content of a 承诺书's items (id and 台账 fields)."""
    rows = sorted(
        [item.pk, item.content, item.category, item.measures, item.deadline.isoformat(),
         item.responsible, item.weight]
        for item in items)
    body = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def actor_key(user=None, name=None):
    """The pseudonymous key the chain records for a user (or a bare name, as the demo and
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
    """Add one entry at the end of the 承诺书's chain (the 承诺书 row is locked meanwhile).

    The free texts of the entry's kind (LedgerEntry.SEALED_FIELDS) are stored beside the
    chain; the hashed payload holds their salted digests under "sealed"."""
    locked = Pledge.objects.select_for_update().only("pk", "ledger_length").get(pk=pledge.pk)
    last = LedgerEntry.objects.filter(pledge_id=pledge.pk).order_by("-seq").first()
    payload, texts = dict(payload), []
    for field in LedgerEntry.SEALED_FIELDS.get(kind, ()):
        if field in payload:
            salt, text = new_salt(), str(payload.pop(field) or "")
            payload.setdefault("sealed", {})[field] = seal(salt, text)
            texts.append(LedgerText(field=field, salt=salt, text=text))
    entry = LedgerEntry(
        pledge_id=pledge.pk, seq=locked.ledger_length + 1, item=item, kind=kind,
        payload=payload, actor_key=actor_key(user, actor), created_at=timezone.now(),
        prev_hash=last.hash if last else GENESIS,
    )
    entry.hash = entry.expected_hash()
    entry.save()
    for text in texts:
        text.entry = entry
    LedgerText.objects.bulk_create(texts)
    Pledge.objects.filter(pk=pledge.pk).update(ledger_length=entry.seq)
    pledge.ledger_length = entry.seq
    from . import sealing

    sealing.seal(pledge, f"台账第{entry.seq}条：{entry.get_kind_display()}")
    return entry


def verify_pledge(pledge):
    """Problems (Chinese sentences) found in one 承诺书's chain; empty when intact."""
    problems = []
    label = f"承诺书#{pledge.pk}（{pledge}）"
    entries = list(LedgerEntry.objects.filter(pledge_id=pledge.pk).order_by("seq")
                   .prefetch_related("texts"))
    prev = GENESIS
    for expected_seq, entry in enumerate(entries, start=1):
        if entry.seq != expected_seq:
            problems.append(f"{label}：第{expected_seq}条记录缺失（下一条序号为{entry.seq}）。")
        if entry.prev_hash != prev:
            problems.append(f"{label}：第{entry.seq}条记录与上一条的链接断开。")
        if entry.hash != entry.expected_hash():
            problems.append(f"{label}：第{entry.seq}条记录的内容被改动（哈希不符）。")
        problems.extend(_text_problems(label, entry))
        prev = entry.hash
    if len(entries) != pledge.ledger_length:
        problems.append(f"{label}：应有{pledge.ledger_length}条记录，实有{len(entries)}条。")
    last_status, last_approval = {}, None
    for entry in entries:
        if entry.kind == LedgerEntry.STATUS and entry.item_id:
            last_status[entry.item_id] = entry.payload.get("to")
        elif entry.kind in (LedgerEntry.APPROVAL, LedgerEntry.IMPORT, LedgerEntry.ERASURE):
            last_approval = entry  # an erasure records the content as it left it
    items = list(CommitmentItem.objects.filter(pledge_id=pledge.pk, withdrawn=False))
    for item in items:
        recorded = last_status.get(item.pk)
        if recorded is not None and recorded != item.status:
            problems.append(
                f"{label}：事项“{item.content[:20]}”的状态为“{STATUS_LABELS.get(item.status)}”，"
                f"与台账记录的“{STATUS_LABELS.get(recorded, recorded)}”不一致。")
    if last_approval is not None and last_approval.payload.get("digest") != content_digest(items):
        problems.append(f"{label}：承诺事项内容与最近一次审定的内容不一致。")
    return problems


def _text_problems(label, entry):
    """A sealed text must be there and match its digest, unless erased on request."""
    rows = {row.field: row for row in entry.texts.all()}
    for field, digest in (entry.payload.get("sealed") or {}).items():
        row = rows.get(field)
        if row is None:
            yield f"{label}：第{entry.seq}条记录的文字缺失。"
        elif not row.erased and seal(row.salt, row.text) != digest:
            yield f"{label}：第{entry.seq}条记录的文字被改动（哈希不符）。"


def verify_all(pledges=None):
    pledges = pledges if pledges is not None else Pledge.objects.select_related(
        "period", "organisation", "member")
    problems = []
    for pledge in pledges.iterator(chunk_size=500) if hasattr(pledges, "iterator") else pledges:
        problems.extend(verify_pledge(pledge))
    return problems
