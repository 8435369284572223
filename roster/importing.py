"""Roster import: read an XLSX or CSV sheet, check every row, write all rows or none.

read_table() turns an upload into rows of cells (or raises ImportFileError with a
Chinese message); check() returns a Report with the clean rows and one message per bad
line (line numbers as the spreadsheet shows them); write() adds the clean rows of a
confirmed RosterImport in one transaction, re-checking duplicates against the roster.
"""

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from .columns import (
    COLUMNS,
    GENDERS,
    STATUSES,
    CellError,
    date_errors,
    normalise_heading,
    parse_choice,
    parse_date,
)
from .models import PartyGroup, RosterEntry
from .signals import roster_changed

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
BOM = b"\xef\xbb\xbf"


class ImportFileError(ValueError):
    """The file as a whole cannot be read: nothing in it is imported."""


@dataclass
class Report:
    rows: list = field(default_factory=list)  # clean rows, JSON-serialisable dicts
    errors: list = field(default_factory=list)  # [(line, message)]
    total: int = 0

    @property
    def ok(self):
        return not self.errors and bool(self.rows)


# -- reading ---------------------------------------------------------------------------
def read_table(upload):
    name = (getattr(upload, "name", "") or "").lower()
    if getattr(upload, "size", 0) and upload.size > MAX_BYTES:
        raise ImportFileError("文件超过5MB，请分批导入。")
    data = upload.read()
    if not data.strip():
        raise ImportFileError("文件是空的。")
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    raise ImportFileError("只支持 .xlsx 和 .csv 文件。")


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ImportFileError("无法读取该 XLSX 文件，文件可能已损坏或不是 Excel 工作簿。") from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError(f"一次最多导入{MAX_ROWS}行。")
        return rows
    finally:
        workbook.close()


def _decode(data):
    if data.startswith(BOM):
        return data[len(BOM):].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # a superset of GBK, as Excel and WPS save "CSV"
    except UnicodeDecodeError:
        raise ImportFileError("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。") from None


def _read_csv(data):
    try:
        text = _decode(data)
    except UnicodeDecodeError:
        raise ImportFileError("文件不是有效的 UTF-8 编码。") from None
    if "\x00" in text:
        raise ImportFileError("文件不是文本格式的 CSV（含有二进制内容）。")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportFileError(f"CSV 格式错误：{error}") from None
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(f"一次最多导入{MAX_ROWS}行。")
    return rows


# -- checking --------------------------------------------------------------------------
def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _header(rows):
    """(index of the header row, {key: column}) or ImportFileError."""
    for index, row in enumerate(rows):
        if all(_blank(v) for v in row):
            continue
        headings = [normalise_heading(v) for v in row]
        columns, seen = {}, set()
        for key, heading, _required in COLUMNS:
            if headings.count(heading) > 1:
                raise ImportFileError(f"表头“{heading}”出现了不止一次。")
            if heading in headings:
                columns[key] = headings.index(heading)
            seen.add(heading)
        missing = [h for key, h, required in COLUMNS if required and key not in columns]
        if missing:
            raise ImportFileError(
                f"缺少必需的列：{'、'.join(missing)}。第一行应为表头：{'、'.join(h for _, h, _ in COLUMNS)}。")
        return index, columns
    raise ImportFileError("文件中没有数据。")


def check(rows, organisation, today=None):
    today = today or timezone.localdate()
    header_index, columns = _header(rows)
    groups = dict(PartyGroup.objects.filter(organisation=organisation).values_list("name", "pk"))
    on_roster = set(RosterEntry.objects.filter(organisation=organisation)
                    .values_list("name", "birth_month"))
    report, seen = Report(), {}
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        line = index + 1

        def cell(key, row=row):
            col = columns.get(key)
            value = row[col] if col is not None and col < len(row) else None
            return value.strip() if isinstance(value, str) else value

        if all(_blank(cell(key)) for key, _, _ in COLUMNS):
            continue
        report.total += 1
        problems, clean = [], {}
        name = "" if _blank(cell("name")) else str(cell("name"))
        if not name:
            problems.append("姓名为空。")
        elif len(name) > 30:
            problems.append("姓名超过30个字。")
        clean["name"] = name
        for key, choices, label in (("gender", GENDERS, "性别"), ("status", STATUSES, "正式/预备")):
            if _blank(cell(key)):
                problems.append(f"{label}为空。")
                continue
            try:
                clean[key] = parse_choice(cell(key), choices, label)
            except CellError as error:
                problems.append(str(error))
        dates = {}
        for key, label, month_only in (("birth_month", "出生年月", True),
                                       ("joined_on", "入党时间", False)):
            if _blank(cell(key)):
                problems.append(f"{label}为空。")
                continue
            try:
                value = parse_date(cell(key), label, month_only=month_only)
            except CellError as error:
                problems.append(str(error))
                continue
            message = date_errors(value, label, today)
            if message:
                problems.append(message)
            else:
                dates[key] = value
        if len(dates) == 2:
            message = date_errors(dates["joined_on"], "入党时间", today, born=dates["birth_month"])
            if message:
                problems.append(message)
        group = "" if _blank(cell("party_group")) else str(cell("party_group"))
        if group and group not in groups:
            known = "、".join(sorted(groups)) or "（本组织尚未设立党小组）"
            problems.append(f"党小组“{group}”不存在，本组织的党小组：{known}。")
        clean["party_group"] = groups.get(group)
        contact = "" if _blank(cell("contact")) else str(cell("contact"))
        if len(contact) > 50:
            problems.append("联系方式超过50个字。")
        clean["contact"] = contact
        if name and "birth_month" in dates:
            key = (name, dates["birth_month"])
            if key in seen:
                problems.append(f"与第{seen[key]}行重复（姓名和出生年月相同）。")
            else:
                seen[key] = line
            if key in on_roster:
                problems.append("名册中已有此人（姓名和出生年月相同）。")
        if problems:
            report.errors.append((line, " ".join(problems)))
        else:
            clean.update({k: v.isoformat() for k, v in dates.items()})
            report.rows.append(clean)
    if not report.total:
        raise ImportFileError("文件只有表头，没有党员数据。")
    return report


# -- writing ---------------------------------------------------------------------------
class ImportConflict(Exception):
    pass


def write(batch):
    """Add the batch's rows to the roster: all of them, or (on any conflict) none."""
    objects = [RosterEntry(
        organisation_id=batch.organisation_id, name=row["name"], gender=row["gender"],
        birth_month=dt.date.fromisoformat(row["birth_month"]),
        joined_on=dt.date.fromisoformat(row["joined_on"]), status=row["status"],
        party_group_id=row["party_group"], contact=row["contact"]) for row in batch.rows]
    keys = {(o.name, o.birth_month) for o in objects}
    try:
        with transaction.atomic():
            # A friendly list of names; the unique constraint guards a concurrent writer.
            clash = [name for name, born in RosterEntry.objects.order_by()
                     .filter(organisation_id=batch.organisation_id)
                     .values_list("name", "birth_month") if (name, born) in keys]
            if clash:
                raise ImportConflict(f"预览之后名册已有变化，以下党员已在名册中：{'、'.join(clash[:20])}。")
            RosterEntry.objects.bulk_create(objects, batch_size=500)
            batch.confirmed_at = timezone.now()
            batch.rows = []
            batch.save(update_fields=["confirmed_at", "rows"])
            roster_changed()  # bulk_create sends no post_save
    except IntegrityError:
        raise ImportConflict("写入时发现重复的党员，未导入任何数据，请重新上传。") from None
    return len(objects)
