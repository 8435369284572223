"""台账 (附件三) as XLSX: the export for any filter, and the blank import template.

Rows are written with openpyxl's write-only workbook from a values() iterator,
so memory stays flat for tens of thousands of rows.
"""

import tempfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from integrity.anchors import stamp_sheet
from portal.spreadsheets import safe_row, text_cell

from .choices import CATEGORIES, MEMBER_PLEDGE, STATUS_LABELS
from .models import LeaderComment
from .models.items import overdue_q
from .models.pledges import member_label
from .sealing import SOURCE

EXPORT_COLUMNS = ["序号", "承诺期", "承诺事项", "承诺单位/承诺人", "类别", "践诺措施", "完成时限",
                  "责任人", "权重", "状态", "进度（%）", "点评"]
EXPORT_WIDTHS = [6, 14, 40, 22, 10, 40, 12, 10, 6, 8, 9, 40]
TEMPLATE_COLUMNS = ["承诺事项", "承诺单位/承诺人", "践诺措施", "完成时限", "类别", "责任人", "权重"]
CATEGORY_LABELS = dict(CATEGORIES)
GRADE_LABELS = dict(LeaderComment._meta.get_field("grade").choices)

VALUE_FIELDS = ("pledge_id", "pledge__period__name", "content", "pledge__kind",
                "pledge__organisation__title", "pledge__member__first_name",
                "pledge__member__last_name", "pledge__member__username", "pledge__member_id", "category", "measures",
                "deadline", "responsible", "weight", "status", "progress", "is_overdue")


def latest_comments(items):
    """pledge id -> "等次：意见" of its latest 领导点评, for the pledges among `items`."""
    pledge_ids = items.order_by().values("pledge_id")
    comments = {}
    rows = (LeaderComment.objects.filter(pledge_id__in=pledge_ids)
            .order_by("pledge_id", "created_at", "id")
            .values_list("pledge_id", "grade", "comment"))
    for pledge_id, grade, comment in rows:
        comments[pledge_id] = f"{GRADE_LABELS.get(grade, grade)}：{comment}"
    return comments


def pledger(row):
    if row["pledge__kind"] == MEMBER_PLEDGE:
        return member_label(row["pledge__member__first_name"], row["pledge__member__last_name"],
                            row["pledge__member__username"], row["pledge__member_id"])
    return row["pledge__organisation__title"]


def _header(ws, title, columns, widths):
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    cell = text_cell(ws, title)
    cell.font = Font(bold=True, size=14)
    ws.append([cell])
    bold = Font(bold=True)
    row = []
    for name in columns:
        c = WriteOnlyCell(ws, value=name)
        c.font = bold
        c.alignment = Alignment(horizontal="center")
        row.append(c)
    ws.append(row)


def write_ledger(items, out, title, today):
    """Write the filtered items to the file object `out`; returns the number of rows."""
    from django.db.models import Case, Value, When

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("承诺践诺台账")
    ws.freeze_panes = "A3"
    _header(ws, title, EXPORT_COLUMNS, EXPORT_WIDTHS)
    comments = latest_comments(items)
    rows = (items.annotate(is_overdue=Case(When(overdue_q(today), then=Value(True)),
                                           default=Value(False)))
            .order_by("pledge__period__start_date", "pledge__organisation__path",
                      "pledge__kind", "pledge_id", "position", "id")
            .values(*VALUE_FIELDS))
    count = 0
    for count, row in enumerate(rows.iterator(chunk_size=2000), start=1):
        status = "overdue" if row["is_overdue"] else row["status"]
        ws.append(safe_row(ws, [
            count, row["pledge__period__name"], row["content"], pledger(row),
            CATEGORY_LABELS.get(row["category"], ""), row["measures"], row["deadline"],
            row["responsible"], row["weight"], STATUS_LABELS[status], row["progress"],
            comments.get(row["pledge_id"], ""),
        ]))
    stamp_sheet(wb, SOURCE, set(items.order_by().values_list("pledge_id", flat=True)),
                "各承诺书")
    wb.save(out)
    return count


def ledger_file(items, title, today):
    """A temporary file holding the workbook, rewound, ready for a FileResponse."""
    out = tempfile.TemporaryFile()
    write_ledger(items, out, title, today)
    out.seek(0)
    return out


def template_file():
    """The blank import template: the columns, a list validation for 类别, and instructions."""
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(TEMPLATE_COLUMNS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEFG", [40, 22, 40, 14, 12, 12, 8], strict=True):
        ws.column_dimensions[col].width = width
    dv = DataValidation(type="list", formula1='"服务承诺,实事承诺"', allow_blank=True,
                        errorTitle="类别", error="请选择“服务承诺”或“实事承诺”。")
    ws.add_data_validation(dv)
    dv.add("E2:E10001")
    notes = wb.create_sheet("填写说明")
    for line in [
        ["承诺践诺台账导入模板（附件三）"],
        ["1. 在“台账”工作表第2行起逐行填写，每行一项承诺事项；不要修改第1行的列名。"],
        ["2. 必填：承诺事项、承诺单位/承诺人、践诺措施、完成时限。"],
        ["3. 承诺单位/承诺人：党组织填写网站上的党组织全称；党员填写账户用户名或姓名。"],
        ["4. 完成时限：日期格式，如 2026-06-30，须在所选承诺期内。"],
        ["5. 类别：服务承诺 或 实事承诺，不填按“实事承诺”；权重：1至100的整数，不填为1。"],
        ["6. 责任人不填时，党员承诺为本人，党组织承诺为书记。"],
        ["7. 任何一行有错误时整个文件都不会导入，请按提示逐行修改后重新上传。"],
        ["示例：", "为群众办理业务一次性告知率100%", "机关第一党支部", "设立党员示范岗，首问负责",
         "2026-06-30", "服务承诺", "赵志刚", "2"],
    ]:
        notes.append(line)
    out = tempfile.TemporaryFile()
    wb.save(out)
    out.seek(0)
    return out
