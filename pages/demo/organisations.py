"""Demo organisations, modelled on seed 000 (a 市财政局 机关党委 and its branches).

Slugs are stable: plugins' demo loaders look organisations up by them.
Some entries deliberately break a rule so the warnings and badges show.
"""

import datetime as dt

D = dt.date

COMMITTEE = {
    "slug": "jiguan-dangwei",
    "title": "中共临江市财政局机关委员会",
    "org_type": "committee",
    "member_count": 236,
    "founded_date": D(1984, 7, 1),
    "term_start": D(2022, 6, 28),
    "phone": "0571-8800 1201",
    "address": "临江市人民路88号财政大楼6楼",
    "intro": "局机关党委在市直机关工委和局党组领导下开展工作，下设7个党支部，负责机关党的建设、党员教育管理监督和党务公开工作。",
    "committee": [
        ("王建国", "secretary", "主持机关党委全面工作"),
        ("李秀英", "deputy", "协助书记抓党建、分管纪检"),
        ("张伟", "organisation", "组织发展、党员管理、换届选举"),
        ("刘芳", "publicity", "理论学习、宣传教育、党务公开"),
        ("陈强", "discipline", "党风廉政建设和纪律审查"),
    ],
}

BRANCHES = [
    {"slug": "branch-1", "title": "机关第一党支部", "member_count": 32, "term_start": D(2026, 4, 18),
     "units": "办公室、人事处", "committee": [("赵志刚", "secretary"), ("孙丽", "organisation"),
                                         ("周明", "publicity")]},
    {"slug": "branch-2", "title": "机关第二党支部", "member_count": 28, "term_start": D(2024, 4, 18),
     "units": "预算处、国库处", "committee": [("吴海燕", "secretary"), ("郑磊", "organisation"),
                                         ("冯静", "publicity")]},
    {"slug": "branch-3", "title": "机关第三党支部", "member_count": 26, "term_start": D(2022, 9, 6),
     "units": "税政处、政府债务管理处", "committee": [("何建华", "secretary"), ("许婷", "organisation"),
                                              ("邓超", "discipline")]},
    {"slug": "branch-4", "title": "机关第四党支部", "member_count": 35, "term_start": D(2024, 5, 20),
     "units": "经济建设处、农业农村处",
     "committee": [("曹文", "secretary"), ("彭晓", "organisation"), ("曾丽华", "publicity"),
                   ("韩冬", "discipline")]},
    {"slug": "branch-5", "title": "机关第五党支部", "member_count": 30, "term_start": D(2025, 11, 2),
     "units": "社会保障处、教科文处", "committee": [("唐宁", "secretary"), ("罗斌", "organisation"),
                                            ("梁雪", "publicity")]},
    {"slug": "branch-6", "title": "机关第六党支部", "member_count": 55, "term_start": D(2024, 3, 15),
     "units": "监督评价局、会计处", "committee": [("宋涛", "secretary"), ("谢敏", "organisation"),
                                          ("蒋勇", "publicity")]},
    {"slug": "treasury-branch", "title": "国库支付中心党支部", "member_count": 18,
     "term_start": D(2024, 1, 9), "units": "国库支付中心",
     "committee": [("林晓东", "secretary"), ("高洁", "organisation"), ("马骏", "publicity")]},
    {"slug": "joint-branch", "title": "局属事业单位联合党支部", "org_type": "joint", "member_count": 9,
     "unit_count": 4, "term_start": D(2023, 8, 30),
     "units": "财政投资评审中心、会计服务中心、票据管理所、信息中心",
     "committee": [("黄志勇", "secretary"), ("杨柳", "organisation"), ("朱琳", "publicity")]},
]

# Demo accounts (dev settings only): username -> (full name, groups, branch slug, role)
DEMO_PASSWORD = "Dangwu-Demo-2026"
DEMO_USERS = {
    "editor": ("刘芳", ["信息员"], None),
    "reviewer": ("陈强", ["保密审查员"], None),
    "approver": ("王建国", ["审批人"], None),
    "secretary1": ("赵志刚", [], "branch-1"),
    "member1": ("钱晓峰", [], "branch-1"),
    "member2": ("周婷婷", [], "branch-2"),
}
# Linked accounts for committee members: (branch slug, committee name) -> username
COMMITTEE_ACCOUNTS = {("branch-1", "赵志刚"): "secretary1"}
