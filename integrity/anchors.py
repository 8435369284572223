"""The 台账校验公示: every chain's head and length, published daily outside the database.

`publish()` (the `publish_integrity_heads` command, run daily from cron) records the
heads as a Publication, shown on the public page /integrity/ and its feed
/integrity/feed.xml, where anyone can keep a copy; every XLSX/DOCX export prints the
heads of the chains it shows with the date of the last publication. Once published, a
head cannot be taken back: verify compares the database with the last publication, so a
deleted tail (fewer links), a deleted chain (missing) or a rewritten chain (another link
at the published position) is reported even though it would be consistent in itself.

Scope holds here too: the public sees the heads of the chains whose objects it may see
(each source's `visible`), and for all the others only their number, their links and one
combined digest -- never an id or a title. A saved copy still anchors those: the digest
binds the stored publication's heads, which verify then compares the chains with.
"""

import hashlib

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from . import keys
from .chain import canonical, head
from .models import Publication, Seal


def current_heads():
    from . import registry

    heads = {}
    for label, source in registry.sources().items():
        groups = {str(chain_id): group for chain_id, _l, group, _s in source.objects()}
        chains = {}
        for item in Seal.objects.filter(source=label).order_by("chain_id", "seq"):
            chains.setdefault(item.chain_id, []).append(item)
        heads[label] = {chain_id: [*head(chain), groups.get(chain_id, "")]
                        for chain_id, chain in sorted(chains.items())}
    return heads


def publish():
    key = keys.current_key()
    heads = current_heads()
    return Publication.objects.create(published_at=timezone.now(), heads=heads,
                                      digest=keys.mac(key, canonical(heads).encode()),
                                      key_id=keys.key_id(key), public=public_view(heads))


def aggregate(chains):
    """Counts and one digest standing for chains that may not be named."""
    digest = hashlib.sha256(canonical({c: [v[0], v[1]] for c, v in chains.items()})
                            .encode()).hexdigest()
    return {"chains": len(chains), "links": sum(v[1] for v in chains.values()),
            "digest": digest}


def public_view(heads, user=None):
    """{"heads", "restricted"} of a publication's heads as `user` (default: the public)
    may see them."""
    from . import registry

    user = user or AnonymousUser()
    view = {"heads": {}, "restricted": {}}
    for label, chains in heads.items():
        source = registry.sources().get(label)
        visible = source.visible_chains(user) if source else set()
        view["heads"][label] = {c: v for c, v in chains.items() if c in visible}
        view["restricted"][label] = aggregate(
            {c: v for c, v in chains.items() if c not in visible})
    return view


def public_of(publication):
    """What the public is shown of a publication (computed now for one published before
    the public part was recorded)."""
    return publication.public or public_view(publication.heads)


def heads_from_copy(document, label):
    """({chain_id: [head, count, group]}, problems) to compare a source's chains with, from
    a saved copy of the 公示 (its JSON). Chains the copy shows only as an aggregate are
    taken from the stored publication the copy's digest names, after checking that
    publication still yields the copy's aggregate."""
    published = dict(document["heads"].get(label, {}))
    restricted = (document.get("restricted") or {}).get(label)
    if not restricted or not restricted.get("chains"):
        return published, []
    stored = Publication.objects.filter(digest=document.get("digest", "")).first()
    if stored is None:
        return published, [f"所给公示（校验值 {str(document.get('digest', ''))[:16]}）在数据库中"
                           f"找不到：公示记录被删除或改写，其中{restricted['chains']}条不公开的"
                           "校验链无法核对。"]
    hidden = {c: v for c, v in stored.heads.get(label, {}).items() if c not in published}
    if aggregate(hidden) != restricted:
        return published, [f"数据库中的公示记录与所给公示不符：不公开的{restricted['chains']}条"
                           "校验链的合并校验值不同（公示记录被改写）。"]
    return {**hidden, **published}, []


def load_copy(path):
    """A saved copy of the 公示 JSON; ValueError (with the reason) if it cannot be read."""
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        if not isinstance(document.get("heads"), dict):
            raise ValueError("缺少 heads")
        return document
    except (OSError, ValueError, AttributeError) as exc:
        raise ValueError(f"无法读取公示文件：{exc}") from exc


def latest():
    return Publication.objects.order_by("-published_at", "-pk").first()


def compare(source_label, by_chain, published=None):
    """Problems of a source's chains against the published heads (`published`: a
    {chain_id: [head, count, group]} from a copy of the 公示, else the last Publication)."""
    if published is None:
        last = latest()
        if last is None:
            return []
        published = last.heads.get(source_label, {})
        when = f"{timezone.localtime(last.published_at):%Y-%m-%d %H:%M}公示"
    else:
        when = "所给公示"
    problems = []
    for chain_id, (link, count, group) in sorted(published.items()):
        name = group or chain_id
        chain = by_chain.get(chain_id, [])
        if not chain:
            problems.append(f"{name}：{when}的校验链（{count}环）已不存在（被整条删除）。")
        elif len(chain) < count:
            problems.append(f"{name}：校验链只有{len(chain)}环，少于{when}的{count}环（链尾被删除）。")
        elif chain[count - 1].link != link:
            problems.append(f"{name}：第{count}环与{when}的链头不符（校验链被重写）。")
    return problems


def stamp_sheet(workbook, source_label, chain_ids, what):
    """An XLSX export's 台账校验 sheet: the stamp of the exported objects' chains."""
    from portal.spreadsheets import safe_row

    sheet = workbook.create_sheet("台账校验")
    sheet.column_dimensions["A"].width = 100
    sheet.append([f"以下为导出时{what}防篡改校验链的环数和链头，可与网站“台账校验公示”核对。"])
    for line in stamp(source_label, chain_ids):
        sheet.append(safe_row(sheet, [line]))


def stamp(source_label, chain_ids):
    """Lines for an export: the last publication and the current heads of its chains."""
    last = latest()
    lines = []
    if last is None:
        lines.append("台账校验公示：尚未发布。")
    else:
        lines.append(f"台账校验公示：{timezone.localtime(last.published_at):%Y-%m-%d %H:%M}"
                     f"发布，公示校验值 {last.digest[:16]}。")
    wanted = {str(c) for c in chain_ids}
    chains = {}
    for item in Seal.objects.filter(source=source_label, chain_id__in=wanted).order_by("seq"):
        chains.setdefault(item.chain_id, []).append(item)
    for chain_id in sorted(wanted, key=lambda c: (len(c), c)):
        link, count = head(chains.get(chain_id, []))
        lines.append(f"链 {chain_id}：{count}环，链头 {link}")
    return lines
