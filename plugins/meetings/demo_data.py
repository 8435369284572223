"""Chinese demo content for the 三会一课 records: topics, places, reasons, roster names."""

TOPICS = {
    "committee": ["研究本月支部工作安排", "研究发展党员和党费收缴工作", "研究主题党日活动方案",
                  "研究党员教育培训计划", "传达上级党组织会议精神并研究落实措施",
                  "研究组织生活会筹备工作", "研究支部结对共建事项", "研究年度工作总结"],
    "party_congress": ["传达学习上级党委全会精神", "讨论预备党员转正事项", "通报支部上半年工作情况",
                       "讨论接收新党员事项"],
    "group": ["学习《中国共产党支部工作条例（试行）》", "学习习近平新时代中国特色社会主义思想专题",
              "交流业务工作中的党员先锋作用", "学习财经纪律和廉政规定", "学习党的二十届三中全会精神",
              "交流学习心得体会"],
    "lecture": ["书记讲党课：坚持以人民为中心的发展思想", "党课：加强财政干部作风建设",
                "党课：学习贯彻党的纪律处分条例", "党课：发扬斗争精神　勇于担当作为"],
    "theme_day": ["“重温入党誓词”主题党日", "“走进社区　服务群众”志愿服务", "“清廉机关”主题党日",
                  "参观红色教育基地", "“学条例　守规矩”主题党日", "集中交纳党费并开展民主议事"],
    "life_meeting": ["年度专题组织生活会"],
    "appraisal": ["年度民主评议党员"],
}
PLACES = ["财政大楼6楼党员活动室", "财政大楼3楼会议室", "支部党建阵地", "财政大楼5楼小会议室"]
ABSENCE_REASONS = ["出差", "病假", "外出学习培训", "公务外出", "年休假", "值班"]
CONTENT = ("会议由{host}主持。{host}传达了上级党组织有关文件精神，结合本支部实际作了工作部署。"
           "与会党员围绕“{topic}”逐一发言，联系思想和工作实际谈认识、找差距、提措施。")
VOTES = "与会党员{n}人，举手表决，同意{n}人，反对0人，弃权0人，一致通过。"
RESOLUTIONS = "一、会议议定事项由支部委员分工落实；二、组织委员负责跟踪进度，下次会议通报落实情况。"

# Extra roster accounts (demo settings only): per organisation, a few member names.
ROSTER_NAMES = ["王磊", "李娜", "张敏", "刘洋", "陈静", "杨帆", "黄鑫", "周丽", "吴昊", "徐慧",
                "孙涛", "马琳", "朱峰", "胡悦", "郭亮", "何琳"]

# Gaps so the dashboards show real overdue items: slug -> {type: [months with no meeting]}
GAPS = {
    "branch-3": {"committee": [3, 7], "theme_day": [8]},
    "branch-5": {"group": [2, 5, 9], "party_congress_quarters": [2]},
    "treasury-branch": {"theme_day": [4, 10], "lecture_count": 2},
    "joint-branch": {"committee": [1, 6, 9], "group": [4, 6, 8, 10], "party_congress_quarters": [3],
                     "lecture_count": 2},
    "branch-6": {"group": [10]},
}
