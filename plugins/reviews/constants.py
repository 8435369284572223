"""The fixed vocabulary of 群众评议 (seed 004): scale, respondent categories, default criteria."""

# The rating scale. Stored as one digit per criterion ("1" = 满意 ... "4" = 不满意).
SATISFIED, FAIRLY_SATISFIED, BASICALLY_SATISFIED, DISSATISFIED = "1", "2", "3", "4"
LEVELS = [
    (SATISFIED, "满意"),
    (FAIRLY_SATISFIED, "比较满意"),
    (BASICALLY_SATISFIED, "基本满意"),
    (DISSATISFIED, "不满意"),
]
LEVEL_LABELS = dict(LEVELS)
LEVEL_CODES = tuple(code for code, _ in LEVELS)
# 满意率 = (满意 + 比较满意 + 基本满意) / 有效评价票数 — the three "satisfied" grades.
SATISFIED_LEVELS = (SATISFIED, FAIRLY_SATISFIED, BASICALLY_SATISFIED)
DEFAULT_FLAG_THRESHOLD = 60  # targets under this 满意率 (%) are flagged for 整改

# Who answered. 党员 is only ever recorded for a logged-in member's account.
CATEGORY_MEMBER, CATEGORY_PUBLIC, CATEGORY_CLIENT = "member", "public", "client"
CATEGORIES = [
    (CATEGORY_MEMBER, "党员"),
    (CATEGORY_PUBLIC, "党外群众"),
    (CATEGORY_CLIENT, "服务对象"),
]
CATEGORY_LABELS = dict(CATEGORIES)
ANONYMOUS_CATEGORIES = [c for c in CATEGORIES if c[0] != CATEGORY_MEMBER]

# What is reviewed.
KIND_ORGANISATION, KIND_MEMBER = "organisation", "member"
TARGET_KINDS = [(KIND_ORGANISATION, "党组织"), (KIND_MEMBER, "党员")]
TARGET_KIND_LABELS = dict(TARGET_KINDS)
DEFAULT_CRITERIA = {
    KIND_ORGANISATION: ["中心工作完成情况", "承诺践诺情况", "为群众办实事", "整改落实", "队伍建设"],
    KIND_MEMBER: ["履职尽责", "承诺践诺", "联系服务群众", "作风廉洁"],
}

# How a member of the public is told apart from the next one (members always use their account).
MODE_CODE, MODE_DEVICE, MODE_MEMBERS_ONLY = "code", "device", "members_only"
PUBLIC_MODES = [
    (MODE_CODE, "评议码（纸质发放，每码限用一次）"),
    (MODE_DEVICE, "设备令牌（每台设备限评一次）"),
    (MODE_MEMBERS_ONLY, "仅限党员登录参加"),
]
CHANNEL_ACCOUNT, CHANNEL_CODE, CHANNEL_DEVICE = "account", "code", "device"
CHANNELS = [(CHANNEL_ACCOUNT, "党员账户"), (CHANNEL_CODE, "评议码"), (CHANNEL_DEVICE, "设备令牌")]

# Where the 通报 is published (党务公开条例 scopes).
SCOPE_PUBLIC, SCOPE_PARTY, SCOPE_ORGANISATION = "public", "party", "organisation"
PUBLICATION_SCOPES = [
    (SCOPE_PUBLIC, "向社会公开"),
    (SCOPE_PARTY, "党内公开"),
    (SCOPE_ORGANISATION, "本组织公开"),
]

COMMENT_PENDING, COMMENT_APPROVED, COMMENT_REJECTED = "pending", "approved", "rejected"
COMMENT_STATUSES = [
    (COMMENT_PENDING, "待审核"),
    (COMMENT_APPROVED, "已通过（随通报公开）"),
    (COMMENT_REJECTED, "不予公开"),
]
COMMENT_MAX_LENGTH = 500

RECTIFY_IN_PROGRESS, RECTIFY_DONE = "in_progress", "done"
RECTIFY_STATUSES = [(RECTIFY_IN_PROGRESS, "整改中"), (RECTIFY_DONE, "已完成")]

# Exports, recorded in the audit trail (Wagtail's log) under this action (plugin.py).
EXPORT_ACTION = "reviews.export"
EXPORT_KINDS = [
    ("xlsx", "统计表（XLSX）"),
    ("codes", "评议码打印单"),
]
