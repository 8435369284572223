"""Import of the 台账 from the template: every row is checked, every error reported by row,
and a file with any error imports nothing (one transaction, entered only when all rows pass).
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pages.models import BranchPage

from . import history, people
from .choices import APPROVED, MEMBER_PLEDGE, NOT_STARTED, ORGANISATION_PLEDGE, PRACTICAL
from .models import CommitmentItem, LedgerEntry, Pledge, PledgeRevision
from .workflow import item_to_dict
from .xlsx_export import CATEGORY_LABELS, EXPORT_COLUMNS, TEMPLATE_COLUMNS

REQUIRED = ["承诺事项", "承诺单位/承诺人", "践诺措施", "完成时限"]
IGNORED = set(EXPORT_COLUMNS) - set(TEMPLATE_COLUMNS)  # 序号, 承诺期, 状态, 进度, 点评
MAX_ROWS = 10000
CATEGORY_BY_LABEL = {label: value for value, label in CATEGORY_LABELS.items()}


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # (row number or None, message)
    rows: list = field(default_factory=list)
    created_items: int = 0
    pledges: int = 0

    @property
    def ok(self):
        return not self.errors


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class PledgerIndex:
    """Resolves 承诺单位/承诺人: an organisation's full title, or a member's username or name."""

    def __init__(self):
        self.orgs = {}
        for org in BranchPage.objects.all():
            self.orgs.setdefault(org.title, []).append(org)
        self._cache = {}

    def resolve(self, text):
        if text in self._cache:
            return self._cache[text]
        result = self._resolve(text)
        self._cache[text] = result
        return result

    def _resolve(self, text):
        orgs = self.orgs.get(text, [])
        if len(orgs) == 1:
            return ORGANISATION_PLEDGE, orgs[0], None, None
        if len(orgs) > 1:
            return None, None, None, f"党组织名称“{text}”不唯一"
        User = get_user_model()
        users = list(User.objects.filter(username=text))
        if not users:
            compact = text.replace(" ", "")
            candidates = User.objects.filter(
                Q(first_name__startswith=compact[:1]) | Q(last_name__startswith=compact[:1]))
            users = [u for u in candidates
                     if compact in ((u.first_name + u.last_name).replace(" ", ""),
                                    (u.last_name + u.first_name).replace(" ", ""))]
        if len(users) > 1:
            return None, None, None, f"有多名党员姓名为“{text}”，请改填用户名"
        if not users:
            return None, None, None, f"找不到党组织或党员“{text}”"
        user = users[0]
        org = people.home_organisation(user)
        if org is None:
            return None, None, None, f"“{text}”不是任何党组织的党员"
        return MEMBER_PLEDGE, org, user, None


def _read(upload):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise ValueError("文件无法读取，不是有效的 .xlsx 台账文件。请下载导入模板填写后上传。") from exc
    try:
        ws = wb["台账"] if "台账" in wb.sheetnames else wb.worksheets[0]
        header, data = None, []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [_text(v) for v in values]
            if header is None:
                if not any(cells):
                    continue
                if number == 1 and not any(c in REQUIRED for c in cells):
                    continue  # a title row above the header, as in the export
                header = (number, cells)
                continue
            if any(cells):
                data.append((number, values))
                if len(data) > MAX_ROWS:
                    raise ValueError(f"一次最多导入{MAX_ROWS}行。")
        return header, data
    finally:
        wb.close()


def check_header(cells):
    errors = []
    names = [c for c in cells if c]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        errors.append(f"缺少必填列：{'、'.join(missing)}。")
    unknown = [c for c in names if c not in TEMPLATE_COLUMNS and c not in IGNORED]
    if unknown:
        errors.append(f"无法识别的列：{'、'.join(unknown)}。可用的列：{'、'.join(TEMPLATE_COLUMNS)}。")
    dupes = sorted({c for c in names if names.count(c) > 1})
    if dupes:
        errors.append(f"列名重复：{'、'.join(dupes)}。")
    return errors


def validate(upload, period):
    """Read and check every row; nothing is written."""
    result = ImportResult()
    try:
        header, data = _read(upload)
    except ValueError as exc:
        result.errors.append((None, str(exc)))
        return result
    if header is None:
        result.errors.append((None, "文件是空的：没有找到列名行。"))
        return result
    header_row, cells = header
    header_errors = check_header(cells)
    if header_errors:
        result.errors.extend((header_row, e) for e in header_errors)
        return result
    if not data:
        result.errors.append((None, "文件中没有数据行。"))
        return result
    index = {name: i for i, name in enumerate(cells) if name}
    pledgers = PledgerIndex()

    def get(values, name):
        i = index.get(name)
        return values[i] if i is not None and i < len(values) else None

    for number, values in data:
        errs = []
        content = _text(get(values, "承诺事项"))
        who = _text(get(values, "承诺单位/承诺人"))
        measures = _text(get(values, "践诺措施"))
        raw_deadline = get(values, "完成时限")
        deadline = parse_date(raw_deadline)
        category_text = _text(get(values, "类别"))
        responsible = _text(get(values, "责任人"))
        weight_text = _text(get(values, "权重"))
        if not content:
            errs.append("承诺事项不能为空")
        elif len(content) > 300:
            errs.append("承诺事项不能超过300字")
        if not measures:
            errs.append("践诺措施不能为空")
        elif len(measures) > 1000:
            errs.append("践诺措施不能超过1000字")
        kind = org = member = None
        if not who:
            errs.append("承诺单位/承诺人不能为空")
        else:
            kind, org, member, problem = pledgers.resolve(who)
            if problem:
                errs.append(problem)
        if raw_deadline in (None, ""):
            errs.append("完成时限不能为空")
        elif deadline is None:
            errs.append(f"完成时限“{_text(raw_deadline)}”不是有效日期（应如2026-06-30）")
        elif not period.contains(deadline):
            errs.append(f"完成时限{deadline:%Y-%m-%d}不在{period.name}内")
        category = PRACTICAL
        if category_text:
            category = CATEGORY_BY_LABEL.get(category_text)
            if category is None:
                errs.append(f"类别“{category_text}”应为“服务承诺”或“实事承诺”")
        weight = 1
        if weight_text:
            try:
                weight = int(float(weight_text))
                if not 1 <= weight <= 100 or float(weight_text) != weight:
                    raise ValueError
            except ValueError:
                errs.append(f"权重“{weight_text}”应为1至100的整数")
        if len(responsible) > 50:
            errs.append("责任人不能超过50字")
        if errs:
            result.errors.extend((number, e) for e in errs)
            continue
        if not responsible:
            responsible = (member.get_full_name() or member.get_username()) if member else (
                org.secretary.name if org.secretary else "")
        result.rows.append({
            "row": number, "kind": kind, "organisation": org, "member": member,
            "content": content, "measures": measures, "deadline": deadline,
            "category": category, "responsible": responsible or "—", "weight": weight,
        })
    return result


@transaction.atomic
def _write(result, period, user, scope):
    groups = {}
    for row in result.rows:
        key = (row["kind"], row["organisation"].pk, row["member"].pk if row["member"] else None)
        groups.setdefault(key, []).append(row)
    now = timezone.now()
    for (kind, _org_id, _member_id), rows in groups.items():
        first = rows[0]
        lookup = {"period": period, "kind": kind}
        if kind == MEMBER_PLEDGE:
            lookup["member"] = first["member"]
        else:
            lookup["organisation"] = first["organisation"]
        pledge = Pledge.objects.filter(**lookup).first()
        if pledge is None:
            pledge = Pledge.objects.create(
                **{**lookup, "organisation": first["organisation"]}, scope=scope, created_by=user)
        start = pledge.items.count()
        for offset, row in enumerate(rows, start=1):
            CommitmentItem.objects.create(
                pledge=pledge, position=start + offset, content=row["content"],
                category=row["category"], measures=row["measures"], deadline=row["deadline"],
                responsible=row["responsible"], weight=row["weight"], status=NOT_STARTED)
            result.created_items += 1
        items = list(pledge.items.current().order_by("position", "pk"))
        latest = pledge.revisions.order_by("-number").first()
        number = (latest.number + 1) if latest else 1
        PledgeRevision.objects.create(
            pledge=pledge, number=number, state=APPROVED, items=[item_to_dict(i) for i in items],
            scope=pledge.scope, author=user, submitted_at=now, decided_by=user, decided_at=now,
            note="台账导入")
        pledge.state, pledge.published_revision = APPROVED, number
        pledge.published_at = pledge.published_at or now
        pledge.save(update_fields=["state", "published_revision", "published_at", "updated_at"])
        history.append(pledge, LedgerEntry.IMPORT, {
            "revision": number, "added": len(rows), "rows": [r["row"] for r in rows]},
            user=user)
        result.pledges += 1
    return result


def import_ledger(upload, period, user, scope="public"):
    """Validate the whole file, then write it all in one transaction (or nothing)."""
    result = validate(upload, period)
    if result.ok:
        _write(result, period, user, scope)
    return result
