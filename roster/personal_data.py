"""A person's roster entries, for the admin's 个人信息导出 (linked accounts only)."""

from .columns import GENDER_LABELS, STATUS_LABELS


def export_entries(user):
    return [{
        "党组织": entry.organisation.title,
        "姓名": entry.name,
        "性别": GENDER_LABELS.get(entry.gender, ""),
        "出生年月": f"{entry.birth_month:%Y-%m}",
        "入党时间": entry.joined_on.isoformat(),
        "正式/预备": STATUS_LABELS.get(entry.status, ""),
        "所在党小组": entry.party_group.name if entry.party_group else "",
        "联系方式": entry.contact,
    } for entry in user.roster_entries.select_related("organisation", "party_group")]


def erase_entries(user):
    """The organisation keeps its roster (an official record); only the link to the account goes."""
    count = user.roster_entries.update(user=None)
    return f"已解除{count}条党员名册记录与该账户的关联（名册由所在党组织维护）。" if count else ""
