"""The tamper-evidence service shared by every plugin that keeps official records (the
承诺践诺 ledger, the 三会一课 records). Plugins call seal() after every change they make
and register their objects (registry.py); verify() and the published heads do the rest.

Each sealed object has one chain of Seal rows. A link holds the keyed digest of every
field a reader sees of the object and

    link = HMAC-SHA256(key, canonical({source, chain, seq, event, digests, at, prev}))

with `prev` the previous link (GENESIS first). The key is never in the database (keys.py),
so rows edited behind the application's back cannot be re-sealed: a changed field no
longer matches the last link's digest (and is named), a changed link no longer matches its
HMAC, a deleted or inserted link breaks the sequence. What a valid shorter chain hides -- a
deleted tail, a deleted whole chain -- is caught against the last published heads
(anchors.py), which live outside the database once published.
"""

import datetime as dt
import decimal
import json

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import keys
from .models import Seal

GENESIS = "0" * 64


def _default(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"not JSON-able: {type(value).__name__}")


def canonical(data):
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=_default)


def add_rows(data, prefix, rows, fields, key="pk"):
    """Put each row of the queryset `rows` in a snapshot: "prefix#key" -> its `fields` as a
    list, or, when `fields` maps names to labels, "prefix#key.label" -> each field."""
    for row in rows.values(*dict.fromkeys((key, *fields))):
        if isinstance(fields, dict):
            for name, label in fields.items():
                data[f"{prefix}#{row[key]}.{label}"] = row[name]
        else:
            data[f"{prefix}#{row[key]}"] = [row[name] for name in fields]


def field_digests(snapshot, key):
    return {name: keys.mac(key, canonical(value).encode("utf-8"))
            for name, value in snapshot.items()}


def link_of(seal, key):
    message = canonical({"source": seal.source, "chain": seal.chain_id, "seq": seal.seq,
                         "event": seal.event, "digests": seal.digests,
                         "at": seal.created_at, "prev": seal.prev})
    return keys.mac(key, message.encode("utf-8"))


def seal(source, chain_id, snapshot, event=""):
    """Append a link sealing `snapshot` (every field a reader sees, now) to the chain.
    Call inside the transaction that made the change."""
    key = keys.current_key()
    chain_id = str(chain_id)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                last = (Seal.objects.select_for_update()
                        .filter(source=source, chain_id=chain_id).order_by("-seq").first())
                link = Seal(source=source, chain_id=chain_id, seq=(last.seq + 1) if last else 1,
                            event=event[:200], digests=field_digests(snapshot, key),
                            created_at=timezone.now().replace(microsecond=0),
                            prev=last.link if last else GENESIS, key_id=keys.key_id(key))
                link.link = link_of(link, key)
                link.save()
                return link
        except IntegrityError:  # a concurrent seal took the number: read the new tail
            continue
    raise IntegrityError(f"could not seal {source}:{chain_id}")


def links(source, chain_id):
    return list(Seal.objects.filter(source=source, chain_id=str(chain_id)).order_by("seq"))


def head(chain):
    return (chain[-1].link if chain else GENESIS), len(chain)


def verify_chain(source, chain_id, label, snapshot, chain=None, names=None):
    """Chinese sentences naming what is wrong with one object's chain; [] when intact."""
    chain = links(source, chain_id) if chain is None else chain
    known = keys.known_keys()
    problems = []
    if not chain:
        return [f"{label}：没有任何防篡改校验记录（校验链缺失或被整条删除）。"]
    prev = GENESIS
    for expected, item in enumerate(chain, start=1):
        if item.seq != expected:
            problems.append(f"{label}：第{expected}环缺失（下一环序号为{item.seq}）。")
        if item.prev != prev:
            problems.append(f"{label}：第{item.seq}环与上一环的链接断开。")
        key = known.get(item.key_id)
        if key is None:
            problems.append(f"{label}：第{item.seq}环使用了未知密钥（{item.key_id}）。")
        elif link_of(item, key) != item.link:
            problems.append(f"{label}：第{item.seq}环的内容与校验值不符（被改动或重算）。")
        prev = item.link
    last = chain[-1]
    key = known.get(last.key_id)
    if key is not None:
        now = field_digests(snapshot, key)
        changed = sorted(name for name in set(now) | set(last.digests)
                         if now.get(name) != last.digests.get(name))
        for name in changed:
            if name not in now:
                problems.append(f"{label}：“{name}”已被删除（封存时存在）。")
            elif name not in last.digests:
                problems.append(f"{label}：“{name}”是封存后新出现的。")
            else:
                problems.append(f"{label}：“{name}”与最后一次封存时不一致（被改动）。")
    return problems


def verify_source(source_label, published=None):
    """Every problem of one registered source: each object against its chain, chains
    without an object, and the chains against the last published heads."""
    from . import anchors, registry

    source = registry.source(source_label)
    problems, seen = [], set()
    by_chain = {}
    for item in Seal.objects.filter(source=source_label).order_by("chain_id", "seq"):
        by_chain.setdefault(item.chain_id, []).append(item)
    for chain_id, label, _group, snapshot in source.objects():
        chain_id = str(chain_id)
        seen.add(chain_id)
        problems += verify_chain(source_label, chain_id, label, snapshot(),
                                 by_chain.get(chain_id, []))
    for chain_id in sorted(set(by_chain) - seen):
        problems.append(f"{source.title}：链 {chain_id} 的对象已不存在（被删除），校验链仍在。")
    problems += anchors.compare(source_label, by_chain, published)
    return problems
