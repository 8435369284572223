"""The vocabulary of the plugin: meeting types, rule periods and the observer score scale."""

# Seed 001 附件1 and seed 002: the kinds of organisational life a branch must hold.
PARTY_CONGRESS = "party_congress"
COMMITTEE = "committee"
GROUP = "group"
LECTURE = "lecture"
THEME_DAY = "theme_day"
LIFE_MEETING = "life_meeting"
APPRAISAL = "appraisal"

MEETING_TYPES = [
    (PARTY_CONGRESS, "支部党员大会"),
    (COMMITTEE, "支委会"),
    (GROUP, "党小组会"),
    (LECTURE, "党课"),
    (THEME_DAY, "主题党日"),
    (LIFE_MEETING, "组织生活会"),
    (APPRAISAL, "民主评议党员"),
]
MEETING_TYPE_LABELS = dict(MEETING_TYPES)

MONTH, QUARTER, YEAR = "month", "quarter", "year"
PERIODS = [(MONTH, "每月"), (QUARTER, "每季度"), (YEAR, "每年")]
PERIOD_LABELS = dict(PERIODS)

# Seed 001 附件1 频率: the editable defaults (meeting type -> period, at least this many).
DEFAULT_RULES = [
    (COMMITTEE, MONTH, 1, "研究贯彻执行上级党组织和支部大会决定的意见，安排支部工作计划。"),
    (PARTY_CONGRESS, QUARTER, 1, "传达贯彻上级决议、指示，讨论接收新党员和预备党员转正等重大问题。"),
    (GROUP, MONTH, 1, "学习党的路线、方针、政策，提高党员的政治素质和思想水平。"),
    (LECTURE, YEAR, 4, "由党组织书记或党建指导员上党课，一年不少于4次。"),
    (LIFE_MEETING, YEAR, 1, "开展批评和自我批评，一年不少于1次，一般安排在第四季度。"),
    (THEME_DAY, MONTH, 1, "确定主题，集中学习、听党课、交纳党费，开展民主议事和志愿服务。"),
    (APPRAISAL, YEAR, 1, "个人自评、党员互评、民主测评，一年一次。"),
]

# Organisation types whose organisational life the compliance calendar tracks.
TRACKED_ORG_TYPES = ("branch", "joint", "temporary")

# Seed 000: observers rate 组织领导 / 活动质量 / 活动效果.
SCORE_MIN, SCORE_MAX = 1, 5
SCORE_CHOICES = [(5, "5分（优秀）"), (4, "4分（良好）"), (3, "3分（一般）"),
                 (2, "2分（较差）"), (1, "1分（差）")]
ASPECTS = [
    ("leadership", "组织领导"),
    ("quality", "活动质量"),
    ("effect", "活动效果"),
]
