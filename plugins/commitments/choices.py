"""Choice lists of the commitments ledger, named as the seed's annexes name them."""

from portal.scope import ORGANISATION, PARTY, PUBLIC, SCOPE_LABELS

ORGANISATION_PLEDGE, MEMBER_PLEDGE = "organisation", "member"
PLEDGE_KINDS = [(ORGANISATION_PLEDGE, "党组织承诺"), (MEMBER_PLEDGE, "党员承诺")]

SERVICE, PRACTICAL = "service", "practical"
CATEGORIES = [(SERVICE, "服务承诺"), (PRACTICAL, "实事承诺")]

NOT_STARTED, IN_PROGRESS, DONE, OVERDUE, FAILED = (
    "not_started", "in_progress", "done", "overdue", "failed")
STATUSES = [
    (NOT_STARTED, "未开始"),
    (IN_PROGRESS, "进行中"),
    (DONE, "已完成"),
    (OVERDUE, "逾期"),
    (FAILED, "未完成"),
]
STATUS_LABELS = dict(STATUSES)
# Statuses after which the 完成时限 no longer matters.
CLOSED_STATUSES = (DONE, FAILED)

SCOPES = [(PUBLIC, SCOPE_LABELS[PUBLIC]), (PARTY, SCOPE_LABELS[PARTY]),
          (ORGANISATION, SCOPE_LABELS[ORGANISATION])]

# Workflow state of a 承诺书 (its latest revision).
DRAFT, SUBMITTED, APPROVED, RETURNED = "draft", "submitted", "approved", "returned"
REVISION_STATES = [(DRAFT, "草稿"), (SUBMITTED, "待审定"), (APPROVED, "已审定"),
                   (RETURNED, "已退回")]

GRADES = [("excellent", "好"), ("good", "较好"), ("fair", "一般"), ("poor", "差")]

# Suggested number of items (seed 004: members 2–5; organisations at least 10).
MEMBER_ITEMS_MIN, MEMBER_ITEMS_MAX = 2, 5
ORGANISATION_ITEMS_MIN = 10
