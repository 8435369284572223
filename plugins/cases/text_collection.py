"""Parses a plain-text collection of case articles (e.g. a 汇编 copied out of a document).

Each article begins with a heading line, in either form:

    篇一：社区“云上党课”让流动党员不掉队
    县级机关“e支部”的探索 [篇2]

Lines before the first heading are ignored. Inside an article, optional
metadata lines (单位/地区/领域/类型/日期/来源/标签/推荐：…) come first; then the
text, split into 背景 / 主要做法 / 成效 / 启示 by heading lines such as
"一、背景", "【主要做法】" or "成效：". Text before any such heading is 背景 when
headings follow, otherwise the whole text is 主要做法.

parse() never raises: a malformed article is reported with its line number
and left out; the others are returned.
"""

import datetime
import re
from dataclasses import dataclass, field

from .choices import FIELD_BY_LABEL, RECOMMENDATION_BY_LABEL, TYPE_BY_LABEL

NUMERAL = r"[一二三四五六七八九十百零〇两\d]+"
HEADING_PREFIX = re.compile(rf"^\s*篇\s*{NUMERAL}\s*[:：、.．]\s*(?P<title>\S.*?)\s*$")
HEADING_SUFFIX = re.compile(rf"^\s*(?P<title>\S.*?)\s*[\[［【〔]\s*篇\s*{NUMERAL}\s*[\]］】〕]\s*$")
META = re.compile(r"^\s*(?P<key>单位|组织|地区|领域|类型|创新类型|日期|时间|来源|标签|推荐|推荐等级)"
                  r"\s*[:：]\s*(?P<value>.*?)\s*$")
_NAMES = "基本情况|案例背景|背景|主要做法|具体做法|做法|工作成效|主要成效|成效|经验启示|启示|体会"
SECTION = re.compile(
    rf"^\s*(?:{NUMERAL}\s*[、.．]\s*|[（(]{NUMERAL}[)）]\s*)?"
    rf"(?:[【\[]\s*(?P<n1>{_NAMES})\s*[】\]]\s*[:：]?|(?P<n2>{_NAMES})\s*(?:[:：]|$))"
    r"\s*(?P<rest>.*)$")
SECTION_KEYS = {
    "基本情况": "background", "背景": "background", "案例背景": "background",
    "主要做法": "practice", "具体做法": "practice", "做法": "practice",
    "工作成效": "results", "主要成效": "results", "成效": "results",
    "经验启示": "lessons", "启示": "lessons", "体会": "lessons",
}
META_KEYS = {"单位": "organisation", "组织": "organisation", "地区": "region", "领域": "field",
             "类型": "innovation_type", "创新类型": "innovation_type", "日期": "date",
             "时间": "date", "来源": "source", "标签": "tags", "推荐": "recommendation",
             "推荐等级": "recommendation"}
MAX_TITLE = 255


@dataclass
class Article:
    line: int  # line number of the heading
    title: str
    meta: dict = field(default_factory=dict)
    sections: dict = field(default_factory=dict)  # background/practice/results/lessons -> text
    lines: list = field(default_factory=list)  # (line number, text) of the body

    def record(self, defaults=None):
        """A dict in the shape of import_content's "case" records."""
        record = dict(defaults or {})
        record.update({k: v for k, v in self.meta.items() if v})
        record.update(self.sections)
        record["title"] = self.title
        return record


@dataclass
class ParseError:
    line: int
    message: str


def heading_title(line):
    for pattern in (HEADING_PREFIX, HEADING_SUFFIX):
        match = pattern.match(line)
        if match:
            return match.group("title").strip()
    return None


def _parse_date(value):
    value = value.strip()
    match = re.match(r"^(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?$", value)
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _meta_value(key, value, number):
    """The cleaned metadata value, or raises ValueError with a Chinese message."""
    if key == "date":
        date = _parse_date(value)
        if date is None:
            raise ValueError(f"第{number}行：日期“{value}”无效（应为 YYYY-MM-DD 或 YYYY年M月D日）")
        return date.isoformat()
    if key == "field" and value not in FIELD_BY_LABEL:
        raise ValueError(f"第{number}行：领域“{value}”无效")
    if key == "innovation_type" and value not in TYPE_BY_LABEL:
        raise ValueError(f"第{number}行：创新类型“{value}”无效")
    if key == "recommendation" and value not in RECOMMENDATION_BY_LABEL:
        raise ValueError(f"第{number}行：推荐等级“{value}”无效")
    if key == "tags":
        return [t for t in re.split(r"[、,，;；\s]+", value) if t][:20]
    return value


def _finish(article, errors):
    """Fills article.sections from its body lines; returns False if the article is unusable."""
    if len(article.title) > MAX_TITLE:
        errors.append(ParseError(article.line, f"第{article.line}行：标题超过{MAX_TITLE}个字符"))
        return False
    current, found, body = None, {}, False
    in_meta = True
    for number, line in article.lines:
        if not line.strip():
            continue
        meta = META.match(line) if in_meta else None
        if meta:
            key = META_KEYS[meta.group("key")]
            try:
                article.meta[key] = _meta_value(key, meta.group("value"), number)
            except ValueError as error:
                errors.append(ParseError(number, str(error)))
                return False
            continue
        in_meta = False
        section = SECTION.match(line)
        if section:
            current = SECTION_KEYS[section.group("n1") or section.group("n2")]
            found.setdefault(current, [])
            if section.group("rest"):
                found[current].append(section.group("rest"))
            continue
        found.setdefault(current, []).append(line.strip())
        body = True
    if not body:
        errors.append(ParseError(article.line, f"第{article.line}行：“{article.title}”没有正文"))
        return False
    lead = found.pop(None, [])
    if lead:
        key = "background" if found and "background" not in found else "practice"
        found[key] = lead + found.get(key, [])
    article.sections = {key: "\n".join(lines) for key, lines in found.items() if lines}
    return True


def parse(lines):
    """(articles, errors) from an iterable of text lines."""
    articles, errors, current = [], [], None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n").replace("\u3000", " ")
        title = heading_title(line)
        if title is not None:
            if current is not None and _finish(current, errors):
                articles.append(current)
            current = Article(number, title)
            continue
        if current is not None:
            current.lines.append((number, line))
    if current is not None and _finish(current, errors):
        articles.append(current)
    if not articles and not errors:
        errors.append(ParseError(1, "第1行：没有找到以“篇一：”或“[篇1]”形式开头的文章标题"))
    return articles, errors
