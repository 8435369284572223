"""The kinds of event the portal records in Wagtail's audit log (its ModelLogEntry table).

Registered with Wagtail through the `register_log_actions` hook (audit/wagtail_hooks.py),
together with the actions plugins declare in their Plugin's `audit_actions`. Publication
and workflow decisions are recorded by Wagtail itself (wagtail.publish,
wagtail.workflow.approve, ...); the portal.publish ... portal.workflow_reject actions are
kept only for entries migrated from the portal's former AuditEvent table.
"""

LOGIN = "portal.login"
LOGOUT = "portal.logout"
LOGIN_FAILED = "portal.login_failed"
LOCKED_OUT = "portal.locked_out"
PUBLISH = "portal.publish"
UNPUBLISH = "portal.unpublish"
WORKFLOW_SUBMIT = "portal.workflow_submit"
TASK_APPROVE = "portal.task_approve"
TASK_REJECT = "portal.task_reject"
WORKFLOW_APPROVE = "portal.workflow_approve"
WORKFLOW_REJECT = "portal.workflow_reject"
EXPORT = "portal.export"
VIEW_PERSONAL = "portal.view_personal"
ROLE_CHANGE = "portal.role_change"
PERSONAL_EXPORT = "portal.personal_export"
PERSONAL_ERASE = "portal.personal_erase"
BACKUP = "portal.backup"
RESTORE = "portal.restore"
PURGE = "portal.purge"

ACTIONS = [
    (LOGIN, "登录"),
    (LOGOUT, "退出登录"),
    (LOGIN_FAILED, "登录失败"),
    (LOCKED_OUT, "账户锁定"),
    (PUBLISH, "发布"),
    (UNPUBLISH, "撤销发布"),
    (WORKFLOW_SUBMIT, "提交审核"),
    (TASK_APPROVE, "审核通过"),
    (TASK_REJECT, "审核退回"),
    (WORKFLOW_APPROVE, "审批完成"),
    (WORKFLOW_REJECT, "审批退回"),
    (EXPORT, "导出"),
    (VIEW_PERSONAL, "查看个人信息"),
    (ROLE_CHANGE, "角色变更"),
    (PERSONAL_EXPORT, "个人信息导出"),
    (PERSONAL_ERASE, "个人信息删除"),
    (BACKUP, "备份"),
    (RESTORE, "恢复"),
    (PURGE, "清理过期日志"),
]

# 条例 practice and the brief: keep every event at least six months.
MIN_RETENTION_DAYS = 183


def erased_username(user_id):
    """What an account's username becomes when its personal data is erased on request."""
    return f"erased-{user_id}"
