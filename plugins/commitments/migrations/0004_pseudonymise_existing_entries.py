"""Convert ledgers written before pseudonymisation (0003).

Before, each entry hashed its actor's name ("姓名（用户名）") and its free texts
(自评, 点评, 审定意见) into the chain, so nothing personal could be erased without
breaking it. This migration, per 承诺书 and in chain order:

1. checks the old chain (links and hashes) and stops the whole migration, changing
   nothing, if any chain is already broken: a tampered history must be looked into
   (`verify_ledger` on the previous version), not laundered into a fresh valid chain;
2. gives each distinct actor a pseudonymous key, keeping the name in LedgerActor
   (linked to the account when the name carries its username);
3. moves the free texts into LedgerText with a salt, the payload keeping their
   salted digest;
4. recomputes every hash and link of the chain.

The functions are frozen here: later changes to the app's code do not change what
this migration does. It cannot be reversed (the old hashes covered the names).
"""

import hashlib
import hmac
import json
import re
import secrets

from django.conf import settings
from django.db import migrations

GENESIS = "0" * 64
SYSTEM_ACTOR = "system"
SEALED_FIELDS = {"approval": ("note",), "comment": ("comment",), "self_assessment": ("text",)}
USERNAME_IN_NAME = re.compile(r"（([^（）]+)）$")


def digest(prev_hash, pledge_id, seq, kind, item_id, payload, actor, created_at):
    body = json.dumps({
        "prev": prev_hash, "pledge": pledge_id, "seq": seq, "kind": kind, "item": item_id,
        "payload": payload, "actor": actor, "at": created_at.isoformat(),
    }, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def seal(salt, text):
    return hmac.new(salt.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def old_chain_problems(entries):
    prev, problems = GENESIS, []
    for entry in entries:
        expected = digest(entry.prev_hash, entry.pledge_id, entry.seq, entry.kind,
                          entry.item_id, entry.payload, entry.actor_key, entry.created_at)
        if entry.prev_hash != prev or entry.hash != expected:
            problems.append(f"承诺书#{entry.pledge_id} 第{entry.seq}条")
        prev = entry.hash
    return problems


def forwards(apps, schema_editor):
    LedgerEntry = apps.get_model("commitments", "LedgerEntry")
    LedgerActor = apps.get_model("commitments", "LedgerActor")
    LedgerText = apps.get_model("commitments", "LedgerText")
    Pledge = apps.get_model("commitments", "Pledge")
    User = apps.get_model(settings.AUTH_USER_MODEL)

    pledge_ids = list(Pledge.objects.order_by("pk").values_list("pk", flat=True))
    problems = []
    for pledge_id in pledge_ids:
        problems.extend(old_chain_problems(
            LedgerEntry.objects.filter(pledge_id=pledge_id).order_by("seq")))
    if problems:
        raise RuntimeError(
            "承诺践诺台账校验失败，迁移已中止，未做任何改动。请先查明这些记录："
            + "、".join(problems[:20]))

    keys = {}

    def key_for(name):
        if not name or name == "系统":
            return SYSTEM_ACTOR
        if name not in keys:
            match = USERNAME_IN_NAME.search(name)
            username = match.group(1) if match else name
            user = User.objects.filter(username=username).first()
            keys[name] = f"a-{secrets.token_hex(12)}"
            LedgerActor.objects.create(key=keys[name], user=user, name=name)
        return keys[name]

    for pledge_id in pledge_ids:
        prev = GENESIS
        for entry in LedgerEntry.objects.filter(pledge_id=pledge_id).order_by("seq"):
            payload, texts = dict(entry.payload), []
            for field in SEALED_FIELDS.get(entry.kind, ()):
                if field in payload:
                    salt, text = secrets.token_hex(16), str(payload.pop(field) or "")
                    payload.setdefault("sealed", {})[field] = seal(salt, text)
                    texts.append(LedgerText(entry_id=entry.pk, field=field, salt=salt,
                                            text=text))
            actor = key_for(entry.actor_key)
            new_hash = digest(prev, pledge_id, entry.seq, entry.kind, entry.item_id, payload,
                              actor, entry.created_at)
            LedgerEntry.objects.filter(pk=entry.pk).update(
                payload=payload, actor_key=actor, prev_hash=prev, hash=new_hash)
            LedgerText.objects.bulk_create(texts)
            prev = new_hash


class Migration(migrations.Migration):

    dependencies = [
        ('commitments', '0003_pseudonymous_ledger'),
    ]

    operations = [
        migrations.RunPython(forwards, elidable=False),
    ]
