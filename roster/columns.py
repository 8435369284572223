"""The roster's spreadsheet columns and how a cell becomes a value (shared by import and export)."""

import datetime as dt
import re

from .models import STATUS_FULL, STATUS_PROBATIONARY

# (key, heading, required): import and export use the same headings in the same order.
COLUMNS = [
    ("name", "姓名", True),
    ("gender", "性别", True),
    ("birth_month", "出生年月", True),
    ("joined_on", "入党时间", True),
    ("status", "正式/预备", True),
    ("party_group", "所在党小组", True),
    ("contact", "联系方式", False),
]
HEADINGS = [heading for _, heading, _ in COLUMNS]
# Other spellings of a heading that a secretary's own sheet may use.
HEADING_ALIASES = {"出生日期": "出生年月", "入党日期": "入党时间", "党员类别": "正式/预备",
                   "类别": "正式/预备", "党小组": "所在党小组", "联系电话": "联系方式",
                   "手机": "联系方式", "手机号码": "联系方式"}

GENDERS = {"男": "male", "男性": "male", "女": "female", "女性": "female"}
STATUSES = {"正式": STATUS_FULL, "正式党员": STATUS_FULL,
            "预备": STATUS_PROBATIONARY, "预备党员": STATUS_PROBATIONARY}
GENDER_LABELS = {"male": "男", "female": "女"}
STATUS_LABELS = {STATUS_FULL: "正式", STATUS_PROBATIONARY: "预备"}

EARLIEST_YEAR = 1900
ADULT_AGE = 18  # 党章：年满十八岁

_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?|\s*月?)$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


class CellError(ValueError):
    pass


def normalise_heading(text):
    text = re.sub(r"\s+", "", str(text or "")).replace("／", "/")
    return HEADING_ALIASES.get(text, text)


def parse_date(value, label, month_only=False):
    """A date from a cell: a date, or text like 1985-03, 1985.3, 1985年3月, 2010-07-01, 20100701."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.replace(day=1) if month_only else value
    text = str(value).strip()
    match = _DATE.match(text) or _COMPACT.match(text)
    if not match:
        raise CellError(f"{label}“{text}”无法识别，应写作如 1985-03 或 2010-07-01。")
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        parsed = dt.date(year, month, day)
    except ValueError:
        raise CellError(f"{label}“{text}”不是有效日期。") from None
    return parsed.replace(day=1) if month_only else parsed


def date_errors(value, label, today, born=None):
    """A message when a date is impossible for a living member, else ''."""
    if value is None:
        return ""
    if value > today:
        return f"{label}{value:%Y-%m-%d}晚于今天。"
    if value.year < EARLIEST_YEAR:
        return f"{label}{value:%Y-%m-%d}早于{EARLIEST_YEAR}年，请核对。"
    if born is not None:
        try:
            adult = born.replace(year=born.year + ADULT_AGE)
        except ValueError:
            adult = born.replace(year=born.year + ADULT_AGE, day=28)
        if value < adult:
            return f"{label}{value:%Y-%m-%d}时未满{ADULT_AGE}周岁（出生年月{born:%Y-%m}），请核对。"
    return ""


def parse_choice(value, choices, label):
    text = re.sub(r"\s+", "", str(value))
    if text not in choices:
        allowed = "、".join(choices)
        raise CellError(f"{label}“{text}”无效，只能填写：{allowed}。")
    return choices[text]

