"""Every kind of notification the site knows: the core's own, and those enabled plugins
declare in their Plugin's `notification_kinds` (portal.plugins.NotificationKind)."""

from portal.plugins import NotificationKind, registry

from .models import DIGEST, EMAIL, INBOX

WORKFLOW_TASK = "pages.workflow_task"
WORKFLOW_DECISION = "pages.workflow_decision"
ELECTION_DUE = "pages.election_due"
READ_REQUEST = "acknowledgements.read_request"

CORE_KINDS = [
    NotificationKind(WORKFLOW_TASK, "有内容待我审核/审批", EMAIL,
                     "信息员提交的页面进入您所在用户组的审核或审批环节。"),
    NotificationKind(WORKFLOW_DECISION, "我提交的内容已审批通过或被退回", EMAIL,
                     "退回时附审核意见。"),
    NotificationKind(ELECTION_DUE, "本组织90天内应换届", DIGEST,
                     "按本届任期开始日期和任期年限计算，发给书记和委员。"),
    NotificationKind(READ_REQUEST, "需阅知的通知", EMAIL,
                     "编辑标记为“需阅知”的通知发布后通知您，截止前未确认已阅再提醒一次。"),
]


class UnknownKind(LookupError):
    pass


def all_kinds():
    return CORE_KINDS + registry.notification_kinds()


def kind_map():
    return {kind.code: kind for kind in all_kinds()}


def get_kind(code):
    try:
        return kind_map()[code]
    except KeyError:
        raise UnknownKind(f"未登记的通知类型：{code}") from None


def default_delivery(code):
    kind = kind_map().get(code)
    return kind.default_delivery if kind else INBOX


__all__ = ["DIGEST", "EMAIL", "INBOX", "all_kinds", "get_kind", "default_delivery"]
