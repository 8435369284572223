"""The 承诺践诺 ledger in the core's tamper-evidence service (integrity/).

Every 承诺书 that has been published has one keyed chain. snapshot() is every field a
reader sees of it -- the 承诺书 (scope, state, published revision and its 审定意见, 自评),
each item (content, category, measures, deadline, responsible, weight, status, progress,
withdrawn), each 践诺记录 and its evidence, each 点评 (等次 and text), and the ledger
itself (its entries and their texts, erased or not). seal() runs at the end of every
change the plugin makes; `verify_ledger` compares the rows with the last link and the
chains with the last published heads.
"""

from django.db.models import Q

from integrity import chain as integrity

SOURCE = "commitments"
TITLE = "承诺践诺台账"
IN_LEDGER = Q(published_revision__gt=0) | Q(ledger_entries__isnull=False)


def _text(value):
    return "" if value is None else str(value)


def snapshot(pledge_id):
    from .models import (
        CommitmentItem,
        Evidence,
        LeaderComment,
        LedgerEntry,
        LedgerText,
        Pledge,
        PledgeRevision,
        ProgressRecord,
    )

    pledge = Pledge.objects.filter(pk=pledge_id).values(
        "kind", "period_id", "organisation_id", "member_id", "scope", "state",
        "published_revision", "published_at", "self_assessment", "self_assessed_at").first()
    if pledge is None:
        return {}
    data = {
        "承诺书.承诺主体": pledge["kind"], "承诺书.承诺期": pledge["period_id"],
        "承诺书.党组织": pledge["organisation_id"], "承诺书.承诺人": pledge["member_id"],
        "承诺书.公开范围": pledge["scope"], "承诺书.审定状态": pledge["state"],
        "承诺书.已公开版本": pledge["published_revision"],
        "承诺书.公开示诺时间": pledge["published_at"],
        "承诺书.党员自评": pledge["self_assessment"],
        "承诺书.自评时间": pledge["self_assessed_at"],
        "承诺书.台账记录数": LedgerEntry.objects.filter(pledge_id=pledge_id).count(),
    }
    revision = PledgeRevision.objects.filter(
        pledge_id=pledge_id, number=pledge["published_revision"]).values(
        "state", "items", "scope", "note", "decided_at").first()
    if revision:
        data.update({"公开版本.状态": revision["state"], "公开版本.事项": revision["items"],
                     "公开版本.公开范围": revision["scope"], "公开版本.审定意见": revision["note"],
                     "公开版本.审定时间": revision["decided_at"]})
    fields = {"content": "承诺事项", "category": "类别", "measures": "践诺措施",
              "deadline": "完成时限", "responsible": "责任人", "weight": "权重",
              "status": "状态", "progress": "进度", "withdrawn": "已撤回", "position": "序号"}
    integrity.add_rows(data, "事项", CommitmentItem.objects.filter(pledge_id=pledge_id), fields)
    record_fields = {"item_id": "事项", "date": "践诺日期", "text": "践诺情况",
                     "status": "状态", "progress": "进度", "author_id": "记录人",
                     "created_at": "记录时间"}
    records = ProgressRecord.objects.filter(item__pledge_id=pledge_id)
    integrity.add_rows(data, "践诺记录", records, record_fields)
    integrity.add_rows(data, "证明材料", Evidence.objects.filter(record__in=records),
                       ("record_id", "file", "original_name", "kind", "size"))
    integrity.add_rows(data, "点评", LeaderComment.objects.filter(pledge_id=pledge_id),
                       {"grade": "等次", "comment": "点评意见", "author_name": "点评人",
                        "created_at": "点评时间"})
    integrity.add_rows(data, "台账", LedgerEntry.objects.filter(pledge_id=pledge_id),
                       ("pk", "kind", "item_id", "payload", "actor_key", "created_at"), key="seq")
    for row in LedgerText.objects.filter(entry__pledge_id=pledge_id).values(
            "entry__seq", "field", "text", "erased"):
        data[f"台账#{row['entry__seq']}.文字.{row['field']}"] = [row["text"], row["erased"]]
    return data


def seal(pledge, event):
    """Seal the 承诺书 as it is now (after a change made by the plugin)."""
    if pledge.pk is None:
        return None
    from .models import Pledge

    published = Pledge.objects.filter(IN_LEDGER, pk=pledge.pk).exists()
    if not published and not integrity.links(SOURCE, pledge.pk):
        return None  # a draft never published is not in the ledger yet
    return integrity.seal(SOURCE, pledge.pk, snapshot(pledge.pk), event)


def label(pledge):
    return f"承诺书#{pledge.pk}（{pledge}）"


def objects():
    """(chain id, label, group, snapshot) of every 承诺书 in the ledger."""
    from integrity.models import Seal

    from .models import Pledge

    sealed = [int(c) for c in Seal.objects.filter(source=SOURCE)
              .values_list("chain_id", flat=True).distinct() if c.isdigit()]
    pledges = (Pledge.objects.filter(IN_LEDGER | Q(pk__in=sealed))
               .select_related("period", "organisation", "member").order_by("pk").distinct())
    for pledge in pledges:
        yield (str(pledge.pk), label(pledge), f"承诺书#{pledge.pk}",
               lambda pk=pledge.pk: snapshot(pk))


def visible(user):
    """Ids of the 承诺书 `user` may see (the 台账校验公示 names no other)."""
    from portal.scope import ScopeResolver

    from .models import Pledge
    from .visibility import PledgeVisibility

    visibility = PledgeVisibility(ScopeResolver(user))
    return visibility.pledges(Pledge.objects.all()).values_list("pk", flat=True)


def register():
    from integrity.registry import register_source

    register_source(SOURCE, TITLE, objects, visible=visible)
