"""The append-only, hash-chained history of a 承诺书 (seed 002: no 弄虚作假 in records).

Each 承诺书 has one chain: its approvals, every status change of its items,
its 领导点评 and its 自评. An entry's hash covers its own content and the
previous entry's hash, so rewriting or deleting any entry breaks every link
after it; `ledger_length` on the 承诺书 catches a truncated tail, and
`verify_ledger` checks it all.
"""

import hashlib
import json

from django.db import models


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("台账记录只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("台账记录只能追加，不能删除。")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("台账记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("台账记录只能追加，不能删除。")


GENESIS = "0" * 64


def entry_digest(prev_hash, pledge_id, seq, kind, item_id, payload, actor, created_at):
    body = json.dumps({
        "prev": prev_hash, "pledge": pledge_id, "seq": seq, "kind": kind, "item": item_id,
        "payload": payload, "actor": actor, "at": created_at.isoformat(),
    }, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class LedgerEntry(AppendOnlyModel):
    APPROVAL, STATUS, COMMENT, SELF_ASSESSMENT, IMPORT = (
        "approval", "status", "comment", "self_assessment", "import")
    KINDS = [(APPROVAL, "审定公开"), (STATUS, "状态变更"), (COMMENT, "领导点评"),
             (SELF_ASSESSMENT, "党员自评"), (IMPORT, "台账导入")]

    pledge = models.ForeignKey("commitments.Pledge", verbose_name="承诺书",
                               on_delete=models.PROTECT, related_name="ledger_entries")
    seq = models.PositiveIntegerField("序号")
    item = models.ForeignKey("commitments.CommitmentItem", verbose_name="承诺事项", null=True,
                             blank=True, on_delete=models.PROTECT, related_name="ledger_entries")
    kind = models.CharField("类型", max_length=20, choices=KINDS)
    payload = models.JSONField("内容")
    actor = models.CharField("操作人", max_length=150)
    created_at = models.DateTimeField("时间")
    prev_hash = models.CharField("上一条哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)

    class Meta:
        verbose_name = "台账历史"
        verbose_name_plural = "台账历史"
        ordering = ["pledge", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "seq"], name="commitments_ledger_unique_seq"),
        ]

    def __str__(self):
        return f"{self.pledge_id}#{self.seq} {self.get_kind_display()}"

    def describe(self):
        """One line for the history table."""
        p = self.payload
        if self.kind == self.STATUS:
            return f"{p.get('text', '')}，进度{p.get('progress', 0)}%"
        if self.kind in (self.COMMENT, self.SELF_ASSESSMENT):
            text = p.get("comment") or p.get("text") or ""
            return text if len(text) <= 40 else text[:39] + "…"
        if self.kind == self.IMPORT:
            return f"第{p.get('revision')}版，导入{p.get('added', 0)}项"
        return f"第{p.get('revision')}版，{p.get('items', 0)}项" + (
            f"（撤回{len(p['withdrawn'])}项）" if p.get("withdrawn") else "")

    def expected_hash(self):
        return entry_digest(self.prev_hash, self.pledge_id, self.seq, self.kind, self.item_id,
                            self.payload, self.actor, self.created_at)
