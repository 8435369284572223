"""For a plugin's migration that changes what its snapshot holds (e.g. drops a column the
snapshot covered): re-seal every chain in the new shape without laundering anything.

The key must be configured when such a migration runs on a database with chains. The
migration passes `values(chain_id)` -> (old, new): the changed fields as the snapshot held
them before and as it holds them after, read with the historical models. Each chain's
changed fields must still match its last link (else the migration stops, changing
nothing); the new link copies the last link's digests of every other field -- they are
never recomputed from the rows, so an earlier edit behind the application's back is still
reported by the next verify -- and seals the changed fields in their new shape.
"""

from django.core.management import CommandError
from django.utils import timezone

from . import keys
from .chain import field_digests, link_of


def require_chains(apps, source, object_ids, what):
    """Stop the migration if an object that needs a chain has none: its data was never
    checked against the plugin's older chain, which the migration is about to drop."""
    Seal = apps.get_model("integrity", "Seal")
    sealed = set(Seal.objects.filter(source=source).values_list("chain_id", flat=True))
    missing = sorted({str(pk) for pk in object_ids} - sealed, key=lambda c: (len(c), c))
    if missing:
        raise CommandError(
            f"{len(missing)}{what}（编号 {'、'.join(missing[:10])}）还没有防篡改校验链，"
            "原有哈希链将被删除、无法再核验。请先在升级前的版本上运行 "
            "manage.py adopt_integrity_chains，再升级和迁移（docs/operations.md）。未做任何改动。")


def reshape(apps, source, changed, values, event):
    """Append to every chain of `source` a link whose digests of the fields `changed(name)`
    names are those of `values(chain_id)[1]` (see the module docstring)."""
    Seal = apps.get_model("integrity", "Seal")
    chain_ids = sorted(set(Seal.objects.filter(source=source)
                           .values_list("chain_id", flat=True)))
    if not chain_ids:
        return 0
    known, problems, links = keys.known_keys(), [], []
    for chain_id in chain_ids:
        last = Seal.objects.filter(source=source, chain_id=chain_id).order_by("-seq").first()
        key = known.get(last.key_id)
        if key is None:
            problems.append(f"链 {chain_id}：最后一环的密钥（{last.key_id}）不可用。")
            continue
        old, new = values(chain_id)
        sealed = {name: d for name, d in last.digests.items() if changed(name)}
        now = field_digests(old, key)
        problems += [f"链 {chain_id}：“{name}”与最后一次封存时不一致（被改动）。"
                     for name in sorted(set(sealed) | set(now))
                     if sealed.get(name) != now.get(name)]
        digests = {name: d for name, d in last.digests.items() if not changed(name)}
        link = Seal(source=source, chain_id=chain_id, seq=last.seq + 1, event=event[:200],
                    digests={**digests, **field_digests(new, key)}, prev=last.link,
                    created_at=timezone.now().replace(microsecond=0), key_id=last.key_id)
        link.link = link_of(link, key)
        links.append(link)
    if problems:
        raise CommandError("\n".join(problems) + f"\n{source}：{len(problems)}处与校验链不符，"
                           "迁移已停止，未做任何改动。请先运行 verify_integrity 查明。")
    Seal.objects.bulk_create(links)
    return len(links)
