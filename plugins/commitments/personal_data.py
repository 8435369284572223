"""A member's data in the 承诺践诺 ledger: export and erasure on request.

Declared in plugin.py (Plugin.personal_data), so the admin's 个人信息导出/删除 covers it.

Erasure keeps every tally: the 承诺书 stays with its items' 类别, 完成时限, 权重, 状态
and 进度, its 践诺记录's dates and progress and its 点评's 等次, so counts, completion
rates and charts are unchanged. What goes:
- the member's name: her LedgerActor row (entries keep only the pseudonymous key)
  and the name on 领导点评 she wrote; pages show “已注销成员”;
- on her own 承诺书: 承诺事项, 践诺措施 and 责任人 (also in every revision), 自评,
  审定意见, 践诺情况, evidence files, 点评 text about her, and the ledger's free texts
  (earlier links of the keyed chain hold only keyed digests of them);
- on organisations' 承诺书: her name where it stands alone in 责任人.
Each changed 承诺书 gets a 个人信息删除 entry in its ledger and is sealed as erasure left
it, so `verify_ledger` keeps passing and shows when the change was made.
"""

import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import history, sealing
from .choices import MEMBER_PLEDGE, STATUS_LABELS
from .models import (
    CommitmentItem,
    Evidence,
    LeaderComment,
    LedgerActor,
    LedgerEntry,
    LedgerText,
    Pledge,
    PledgeRevision,
    ProgressRecord,
)
from .models.ledger import ERASED_MEMBER, ERASED_TEXT

TITLE = "承诺践诺"
NAME_SEPARATORS = re.compile(r"([、，,；;/\s]+)")
ITEM_TEXT_FIELDS = ("content", "measures")


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def _names(user):
    """The ways the ledger may have written this person's name."""
    names = {history.actor_name(user), user.get_full_name(), user.get_username(),
             f"{user.first_name}{user.last_name}", f"{user.last_name}{user.first_name}"}
    return {name.strip() for name in names if name and name.strip()}


def _actors(user):
    return LedgerActor.objects.filter(Q(user=user) | Q(user__isnull=True, name__in=_names(user)))


def _comments(user):
    return LeaderComment.objects.filter(
        Q(author=user) | Q(author__isnull=True, author_name__in=_names(user)))


def _entry_row(entry):
    return {"承诺书": str(entry.pledge), "序号": entry.seq, "时间": _iso(entry.created_at),
            "事项": entry.get_kind_display(), "内容": entry.describe()}


def export(user):
    pledges = []
    for pledge in (Pledge.objects.filter(kind=MEMBER_PLEDGE, member=user)
                   .select_related("period", "organisation", "member").order_by("period")):
        items = pledge.items.order_by("position", "pk").prefetch_related("records__evidence")
        pledges.append({
            "承诺书": pledge.title, "承诺期": pledge.period.name,
            "党组织": pledge.organisation.title, "审定状态": pledge.get_state_display(),
            "公开范围": pledge.get_scope_display(), "党员自评": pledge.self_assessment,
            "承诺事项": [{
                "承诺事项": item.content, "类别": item.get_category_display(),
                "践诺措施": item.measures, "完成时限": item.deadline.isoformat(),
                "责任人": item.responsible, "权重": item.weight,
                "状态": STATUS_LABELS.get(item.status, item.status), "进度": item.progress,
                "已撤回": item.withdrawn,
                "践诺记录": [{"日期": r.date.isoformat(), "践诺情况": r.text,
                              "状态": STATUS_LABELS.get(r.status, r.status), "进度": r.progress,
                              "佐证材料": [e.original_name for e in r.evidence.all()]}
                             for r in item.records.all()],
            } for item in items],
            "领导点评": [{"点评人": c.author_name, "等次": c.get_grade_display(),
                          "点评意见": c.comment, "时间": _iso(c.created_at)}
                         for c in pledge.comments.order_by("created_at", "id")],
            "台账历史": [_entry_row(e) for e in history.label_actors(
                pledge.ledger_entries.order_by("seq").prefetch_related("texts"))],
        })
    keys = list(_actors(user).values_list("key", flat=True))
    own_entries = (LedgerEntry.objects.filter(actor_key__in=keys)
                   .select_related("pledge__period", "pledge__organisation", "pledge__member")
                   .prefetch_related("texts").order_by("created_at", "id"))
    return {
        "承诺书": pledges,
        "本人的台账操作": [_entry_row(e) for e in own_entries],
        "本人的领导点评": [{"承诺书": str(c.pledge), "等次": c.get_grade_display(),
                            "点评意见": c.comment, "时间": _iso(c.created_at)}
                           for c in _comments(user).select_related(
                               "pledge__period", "pledge__organisation", "pledge__member")],
        "本人的践诺记录": [{"承诺事项": r.item.content, "日期": r.date.isoformat(),
                            "践诺情况": r.text}
                           for r in ProgressRecord.objects.filter(author=user)
                           .select_related("item").order_by("date", "id")],
    }


def _without_names(value, names):
    parts = NAME_SEPARATORS.split(value)
    return "".join(ERASED_MEMBER if part in names else part for part in parts)


def _redact_item_dict(data, names, own):
    data = dict(data)
    if own:
        data.update({field: ERASED_TEXT for field in ITEM_TEXT_FIELDS})
        data["responsible"] = ERASED_MEMBER
    else:
        data["responsible"] = _without_names(str(data.get("responsible", "")), names)
    return data


def _redact_items(pledge, names, own):
    """Items and revision snapshots; True when an item changed."""
    changed = False
    for item in pledge.items.all():
        before = (item.content, item.measures, item.responsible)
        data = _redact_item_dict({"content": item.content, "measures": item.measures,
                                  "responsible": item.responsible}, names, own)
        if before != (data["content"], data["measures"], data["responsible"]):
            CommitmentItem.objects.filter(pk=item.pk).update(
                content=data["content"], measures=data["measures"],
                responsible=data["responsible"])
            changed = True
    for revision in pledge.revisions.all():
        items = [_redact_item_dict(d, names, own) for d in revision.items]
        note = ERASED_TEXT if own and revision.note else revision.note
        if items != revision.items or note != revision.note:
            PledgeRevision.objects.filter(pk=revision.pk).update(items=items, note=note)
    return changed


def _erase_own_pledge(pledge, names):
    _redact_items(pledge, names, own=True)
    records = ProgressRecord.objects.filter(item__pledge=pledge)
    evidence = Evidence.objects.filter(record__in=records)
    files = [(e.file.storage, e.file.name) for e in evidence]
    evidence.delete()
    # The files go once the erasure is committed (a rollback must not lose them).
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    records.update(text=ERASED_TEXT)
    pledge.comments.redact(comment=ERASED_TEXT)
    LedgerText.objects.filter(entry__pledge=pledge).update(text="", erased=True)
    if pledge.self_assessment:
        pledge.self_assessment = ERASED_TEXT


def _record_erasure(pledge):
    """The ledger says when personal data left this 承诺书 (and the seal what is left)."""
    history.append(pledge, LedgerEntry.ERASURE, {"reason": "应本人要求删除个人信息"})


def _reindex(pledge_ids):
    from wagtail.search.index import insert_or_update_object

    for pledge in Pledge.objects.filter(pk__in=pledge_ids).select_related(
            "period", "organisation", "member"):
        insert_or_update_object(pledge)


@transaction.atomic
def erase(user):
    names = _names(user)
    actors = _actors(user).delete()[0]
    commented = set(_comments(user).values_list("pledge_id", flat=True))
    _comments(user).redact(author_name=ERASED_MEMBER)
    own = list(Pledge.objects.filter(kind=MEMBER_PLEDGE, member=user))
    for pledge in own:
        _erase_own_pledge(pledge, names)
    mentioned = Q(pk__in=[])
    for name in names:
        mentioned |= Q(items__responsible__contains=name)
    candidates = Pledge.objects.exclude(kind=MEMBER_PLEDGE).filter(mentioned).distinct()
    named_in = [p for p in candidates if _redact_items(p, names, own=False)]
    for pledge in own + named_in:
        # A model save: the ledger's roll-up cache and the page cache follow it through
        # their signals.
        pledge.save(update_fields=["self_assessment", "updated_at"])
        _record_erasure(pledge)  # seals the 承诺书 as the erasure left it
    changed_ids = {pledge.pk for pledge in own + named_in}
    for pledge in Pledge.objects.filter(pk__in=commented - changed_ids):
        sealing.seal(pledge, "个人信息删除：点评人姓名")
    # The search index holds the 承诺书's title, which names the member: indexed again
    # once the whole erasure (the account is anonymised after the providers) is committed.
    changed = [pledge.pk for pledge in own + named_in]
    transaction.on_commit(lambda: _reindex(changed))
    return (f"{len(own)}份承诺书保留计数、删除承诺内容与自评，"
            f"{len(named_in)}份党组织承诺书删除责任人姓名，删除操作人姓名{actors}个")


