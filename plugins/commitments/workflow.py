"""公开承诺 → 审定 → 公开示诺: drafting, submitting and approving 承诺书 revisions.

Every function checks who is acting and raises CommitmentError (a Chinese
message for the user) or PermissionDenied; each runs in one transaction, so a
failure leaves nothing half-saved.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import history, notifying, people, sealing
from .choices import (
    APPROVED,
    DRAFT,
    MEMBER_ITEMS_MAX,
    MEMBER_ITEMS_MIN,
    MEMBER_PLEDGE,
    NOT_STARTED,
    ORGANISATION_ITEMS_MIN,
    ORGANISATION_PLEDGE,
    RETURNED,
    SUBMITTED,
)
from .models import CommitmentItem, LedgerEntry, Pledge, PledgeRevision

NOT_A_MEMBER = "您的账户不是党员账户（未加入任何党组织），不能起草或提交承诺书。如有疑问请联系本支部组织委员。"
NOT_YOURS = "这不是您的承诺书，您不能修改。"


class CommitmentError(Exception):
    """A rule of the commitments process was broken; the message is shown to the user."""


def item_to_dict(item):
    return {"id": item.pk, "content": item.content, "category": item.category,
            "measures": item.measures, "deadline": item.deadline.isoformat(),
            "responsible": item.responsible, "weight": item.weight}


def count_warning(kind, count):
    """The seed's suggested numbers of items, as a hint (members) or a rule (organisations)."""
    if kind == MEMBER_PLEDGE and not MEMBER_ITEMS_MIN <= count <= MEMBER_ITEMS_MAX:
        return f"党员承诺书一般填写{MEMBER_ITEMS_MIN}至{MEMBER_ITEMS_MAX}项承诺事项，当前为{count}项。"
    if kind == ORGANISATION_PLEDGE and count < ORGANISATION_ITEMS_MIN:
        return f"党组织承诺书应至少填写{ORGANISATION_ITEMS_MIN}项承诺事项，当前为{count}项。"
    return ""


@transaction.atomic
def start_pledge(user, period, kind, organisation=None, today=None):
    """Open (or return the existing) 承诺书 of the user, or of an organisation she leads."""
    if not people.is_party_member(user):
        raise PermissionDenied(NOT_A_MEMBER)
    if kind == MEMBER_PLEDGE:
        organisation = people.home_organisation(user)
        if organisation is None:
            raise PermissionDenied(NOT_A_MEMBER)
        existing = Pledge.objects.filter(period=period, kind=kind, member=user).first()
    else:
        if organisation is None or not people.leads(user, organisation):
            raise PermissionDenied("只有本组织的书记、副书记可以起草党组织承诺书。")
        existing = Pledge.objects.filter(period=period, kind=kind,
                                         organisation=organisation).first()
    if existing:
        return existing
    if not period.accepts_new_pledges(today):
        raise CommitmentError(
            f"{period.name}的公开承诺时间为{period.publish_start:%Y年%m月%d日}至"
            f"{period.publish_end:%Y年%m月%d日}，现已不在受理时间内。")
    pledge = Pledge.objects.create(
        period=period, kind=kind, organisation=organisation,
        member=user if kind == MEMBER_PLEDGE else None, created_by=user)
    PledgeRevision.objects.create(pledge=pledge, number=1, author=user, scope=pledge.scope)
    return pledge


@transaction.atomic
def editable_revision(user, pledge):
    """The revision to edit: the open draft, or a new one copied from the approved version."""
    if not people.can_edit(user, pledge):
        raise PermissionDenied(NOT_YOURS)
    latest = pledge.latest_revision()
    if latest is not None and latest.is_editable:
        return latest
    if latest is not None and latest.is_pending:
        raise CommitmentError("该承诺书已提交审定，审定完成前不能修改。")
    items = [item_to_dict(i) for i in pledge.items.current().order_by("position", "pk")]
    return PledgeRevision.objects.create(
        pledge=pledge, number=(latest.number + 1) if latest else 1, items=items,
        scope=pledge.scope, author=user)


@transaction.atomic
def save_draft(user, revision, items, scope):
    """Store validated item dicts (from the form) and the scope on an editable revision."""
    pledge = revision.pledge
    if not people.can_edit(user, pledge):
        raise PermissionDenied(NOT_YOURS)
    if not revision.is_editable:
        raise CommitmentError("该版本已提交或已审定，不能再修改。")
    if not items:
        raise CommitmentError("请至少填写一项承诺事项。")
    period = pledge.period
    for n, item in enumerate(items, start=1):
        deadline = dt.date.fromisoformat(item["deadline"])
        if not period.contains(deadline):
            raise CommitmentError(f"第{n}项的完成时限应在{period.name}内"
                                  f"（{period.start_date:%Y-%m-%d}至{period.end_date:%Y-%m-%d}）。")
    known = set(pledge.items.values_list("pk", flat=True))
    for item in items:  # an id smuggled in from another 承诺书 is dropped
        if item.get("id") not in known:
            item.pop("id", None)
    revision.items = items
    revision.scope = scope
    revision.state = DRAFT
    revision.save(update_fields=["items", "scope", "state"])
    Pledge.objects.filter(pk=pledge.pk).update(state=DRAFT, updated_at=timezone.now())
    pledge.state = DRAFT
    sealing.seal(pledge, "修改草稿")
    return revision


@transaction.atomic
def submit(user, revision):
    pledge = revision.pledge
    if not people.can_edit(user, pledge):
        raise PermissionDenied(NOT_YOURS)
    if not revision.is_editable:
        raise CommitmentError("该版本已提交审定，请勿重复提交。")
    if not revision.items:
        raise CommitmentError("承诺书没有承诺事项，不能提交。请至少填写一项。")
    if pledge.kind == ORGANISATION_PLEDGE and len(revision.items) < ORGANISATION_ITEMS_MIN:
        raise CommitmentError(count_warning(pledge.kind, len(revision.items)))
    revision.state = SUBMITTED
    revision.submitted_at = timezone.now()
    revision.save(update_fields=["state", "submitted_at"])
    pledge.state = SUBMITTED
    pledge.save(update_fields=["state", "updated_at"])
    sealing.seal(pledge, "提交审定")
    notifying.submitted(revision)
    return revision


def _apply(revision):
    """Make the approved revision's items the 承诺书's items; removed ones are withdrawn."""
    pledge = revision.pledge
    existing = {i.pk: i for i in pledge.items.all()}
    kept = set()
    for position, data in enumerate(revision.items, start=1):
        values = {
            "content": data["content"], "category": data["category"],
            "measures": data["measures"], "deadline": dt.date.fromisoformat(data["deadline"]),
            "responsible": data["responsible"], "weight": int(data["weight"]),
            "position": position, "withdrawn": False,
        }
        item = existing.get(data.get("id"))
        if item is None:
            item = CommitmentItem.objects.create(pledge=pledge, status=NOT_STARTED, **values)
        else:
            for name, value in values.items():
                setattr(item, name, value)
            item.save()
        kept.add(item.pk)
    withdrawn = [pk for pk in existing if pk not in kept]
    CommitmentItem.objects.filter(pk__in=withdrawn).update(withdrawn=True)
    return withdrawn


@transaction.atomic
def approve(user, revision, note=""):
    pledge = revision.pledge
    if not people.can_review(user, pledge) or revision.author_id == user.pk:
        raise PermissionDenied("您无权审定该承诺书（本人起草的承诺书不能由本人审定）。")
    if not revision.is_pending:
        raise CommitmentError("该版本不在待审定状态。")
    withdrawn = _apply(revision)
    now = timezone.now()
    revision.state = APPROVED
    revision.decided_by, revision.decided_at, revision.note = user, now, note
    revision.save(update_fields=["state", "decided_by", "decided_at", "note"])
    pledge.state = APPROVED
    pledge.scope = revision.scope
    pledge.published_revision = revision.number
    pledge.published_at = pledge.published_at or now
    pledge.save(update_fields=["state", "scope", "published_revision", "published_at",
                               "updated_at"])
    items = list(pledge.items.current())
    history.append(pledge, LedgerEntry.APPROVAL, {
        "revision": revision.number, "items": len(items), "withdrawn": withdrawn,
        "scope": pledge.scope, "note": note}, user=user)
    notifying.approved(revision, user)
    return pledge


@transaction.atomic
def return_for_changes(user, revision, note):
    pledge = revision.pledge
    if not people.can_review(user, pledge):
        raise PermissionDenied("您无权审定该承诺书。")
    if not revision.is_pending:
        raise CommitmentError("该版本不在待审定状态。")
    if not note.strip():
        raise CommitmentError("退回修改时请填写审定意见。")
    revision.state = RETURNED
    revision.decided_by, revision.decided_at, revision.note = user, timezone.now(), note
    revision.save(update_fields=["state", "decided_by", "decided_at", "note"])
    pledge.state = RETURNED
    pledge.save(update_fields=["state", "updated_at"])
    sealing.seal(pledge, "退回修改")
    notifying.returned(revision, user)
    return revision
