"""Organisation-setting rules from 《中国共产党支部工作条例》 as used in seed 002.

Pure functions over numbers so the admin panel, the report and the public tree
show the same warnings.
"""

from django.utils import timezone

TERM_YEARS = {"committee": 5, "general": 3, "branch": 3, "joint": 3, "temporary": 3}


def default_term_years(org_type):
    return TERM_YEARS.get(org_type, 3)


def expected_org_type(member_count):
    """The organisation type the member count calls for."""
    if member_count > 100:
        return "committee"
    if member_count > 50:
        return "general"
    if member_count >= 3:
        return "branch"
    return "joint"


_TYPE_NAMES = {"committee": "基层党委", "general": "党总支", "branch": "党支部",
               "joint": "联合党支部"}


def organisation_warnings(org, committee):
    """Warnings (Chinese, for people) for one organisation and its committee members.

    The member count is the roster's (roster.api), or the profile's where no roster exists.
    """
    warnings = []
    count = org.members_total or 0
    if org.org_type != "temporary":
        expected = expected_org_type(count)
        if org.org_type != expected and not (org.org_type == "committee" and count > 50):
            warnings.append(
                f"党员人数为{count}人，按规定一般应设立{_TYPE_NAMES[expected]}"
                f"（100人以上设党委，50人以上设党总支，3至50人设党支部，不足3人组建联合党支部）。"
            )
    if org.org_type == "joint" and org.unit_count and org.unit_count > 5:
        warnings.append(f"联合党支部覆盖{org.unit_count}个单位，一般不超过5个。")
    if org.org_type in ("branch", "joint") and count >= 7:
        size = len(committee)
        if size < 3:
            warnings.append(f"党员7人以上的党支部应设立支部委员会（3至5人），目前登记{size}人。")
        elif size > 7:
            warnings.append(f"支部委员会一般为3至5人，最多不超过7人，目前登记{size}人。")
    if not any(m.role == "secretary" for m in committee):
        warnings.append("尚未登记书记。")
    due = org.next_election_date
    if due and due < timezone.localdate():
        warnings.append(f"本届任期已于{due:%Y年%m月%d日}届满，应按期换届。")
    elif not org.term_start:
        warnings.append("未填写本届任期开始日期，无法计算换届时间。")
    return warnings
