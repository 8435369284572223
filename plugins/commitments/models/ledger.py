"""The append-only history of a 承诺书 (seed 002: no 弄虚作假 in records).

Each 承诺书 has one ledger: its approvals, every status change of its items, its 领导点评
and its 自评. Entries can only be appended through the ORM; what proves nothing was
changed behind the application's back is the core's keyed chain (integrity/, sealed by
sealing.py after every entry), which covers every entry and text.

Nothing personal is in an entry, so a member's data can be erased: an entry names its
actor by a pseudonymous key whose name lives in `LedgerActor` (deleted on erasure), and
free text (自评, 点评, 审定意见) lives in `LedgerText`, blanked on erasure (and sealed so).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property

from integrity.append_only import AppendOnlyModel

SYSTEM_ACTOR = "system"
SYSTEM_LABEL = "系统"
ERASED_MEMBER = "已注销成员"
ERASED_TEXT = "（应本人要求已删除）"


class LedgerActor(models.Model):
    """Who a pseudonymous actor key stands for; deleting the row is the erasure."""

    key = models.CharField("化名", max_length=40, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="账户", null=True,
                             blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField("姓名", max_length=150)

    class Meta:
        verbose_name = "台账操作人"
        verbose_name_plural = "台账操作人"

    def __str__(self):
        return self.name

    @staticmethod
    def new_key():
        return f"a-{secrets.token_hex(12)}"


class LedgerEntry(AppendOnlyModel):
    APPROVAL, STATUS, COMMENT, SELF_ASSESSMENT, IMPORT, ERASURE = (
        "approval", "status", "comment", "self_assessment", "import", "erasure")
    KINDS = [(APPROVAL, "审定公开"), (STATUS, "状态变更"), (COMMENT, "领导点评"),
             (SELF_ASSESSMENT, "党员自评"), (IMPORT, "台账导入"), (ERASURE, "个人信息删除")]
    # Payload fields kept in LedgerText (erasable) as free text someone wrote.
    SEALED_FIELDS = {APPROVAL: ("note",), COMMENT: ("comment",), SELF_ASSESSMENT: ("text",)}

    pledge = models.ForeignKey("commitments.Pledge", verbose_name="承诺书",
                               on_delete=models.PROTECT, related_name="ledger_entries")
    seq = models.PositiveIntegerField("序号")
    item = models.ForeignKey("commitments.CommitmentItem", verbose_name="承诺事项", null=True,
                             blank=True, on_delete=models.PROTECT, related_name="ledger_entries")
    kind = models.CharField("类型", max_length=20, choices=KINDS)
    payload = models.JSONField("内容")
    actor_key = models.CharField("操作人（化名）", max_length=150)
    created_at = models.DateTimeField("时间")

    class Meta:
        verbose_name = "台账历史"
        verbose_name_plural = "台账历史"
        ordering = ["pledge", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "seq"], name="commitments_ledger_unique_seq"),
        ]

    def __str__(self):
        return f"{self.pledge_id}#{self.seq} {self.get_kind_display()}"

    @cached_property
    def actor_label(self):
        """The actor's name, 系统, or 已注销成员 once the name has been erased."""
        if self.actor_key == SYSTEM_ACTOR:
            return SYSTEM_LABEL
        actor = LedgerActor.objects.filter(key=self.actor_key).only("name").first()
        return actor.name if actor else ERASED_MEMBER

    def text(self, field):
        """A sealed free text of this entry (prefetch `texts` when listing many)."""
        for row in self.texts.all():
            if row.field == field:
                return ERASED_TEXT if row.erased else row.text
        return ""

    def describe(self):
        """One line for the history table."""
        p = self.payload
        if self.kind == self.STATUS:
            return f"{p.get('text', '')}，进度{p.get('progress', 0)}%"
        if self.kind in (self.COMMENT, self.SELF_ASSESSMENT):
            text = self.text("comment" if self.kind == self.COMMENT else "text")
            return text if len(text) <= 40 else text[:39] + "…"
        if self.kind == self.ERASURE:
            return p.get("reason", "")
        if self.kind == self.IMPORT:
            return f"第{p.get('revision')}版，导入{p.get('added', 0)}项"
        return f"第{p.get('revision')}版，{p.get('items', 0)}项" + (
            f"（撤回{len(p['withdrawn'])}项）" if p.get("withdrawn") else "")


class LedgerText(models.Model):
    """A free text of a ledger entry, kept apart so that erasure can blank it."""

    entry = models.ForeignKey(LedgerEntry, verbose_name="台账记录", on_delete=models.PROTECT,
                              related_name="texts")
    field = models.CharField("字段", max_length=20)
    text = models.TextField("内容", blank=True)
    erased = models.BooleanField("已应本人要求删除", default=False)

    class Meta:
        verbose_name = "台账文字"
        verbose_name_plural = "台账文字"
        constraints = [
            models.UniqueConstraint(fields=["entry", "field"], name="commitments_text_unique"),
        ]

    def __str__(self):
        return f"{self.entry} {self.field}"
