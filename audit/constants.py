"""The kinds of event the audit trail records."""

LOGIN = "login"
LOGOUT = "logout"
LOGIN_FAILED = "login_failed"
LOCKED_OUT = "locked_out"
PUBLISH = "publish"
UNPUBLISH = "unpublish"
WORKFLOW_SUBMIT = "workflow_submit"
TASK_APPROVE = "task_approve"
TASK_REJECT = "task_reject"
WORKFLOW_APPROVE = "workflow_approve"
WORKFLOW_REJECT = "workflow_reject"
EXPORT = "export"
VIEW_PERSONAL = "view_personal"
ROLE_CHANGE = "role_change"
PERSONAL_EXPORT = "personal_export"
PERSONAL_ERASE = "personal_erase"
BACKUP = "backup"
RESTORE = "restore"
PURGE = "purge"

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
