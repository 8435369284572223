"""The statistics workbook (统计表): compliance per organisation and the list of meetings.

Written with openpyxl's write-only workbook from plain rows (records are read with
values_list, no model objects), so a year of two hundred organisations exports quickly
and memory stays flat.
"""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from integrity.anchors import stamp_sheet
from portal.spreadsheets import safe_row, workbook_bytes

from .compliance import STATE_LABELS, UPCOMING
from .constants import MEETING_TYPE_LABELS
from .models.records import split_names
from .sealing import SOURCE

HEAD_FONT = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="B0171F")
HEAD_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
OVERDUE_FILL = PatternFill("solid", fgColor="FDECEA")
DETAIL_COLUMNS = ["党组织", "会议类型", "日期", "开始", "结束", "会议主题", "地点", "主持人",
                  "记录人", "出席人数", "缺席人数", "作废"]
DETAIL_WIDTHS = [28, 12, 12, 8, 8, 40, 20, 10, 10, 10, 10, 6]


def _sheet(wb, title, widths, freeze_row=1):
    sheet = wb.create_sheet(title)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = f"B{freeze_row + 1}"
    return sheet


def _header(sheet, titles):
    cells = []
    for text in titles:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill, cell.alignment = HEAD_FONT, HEAD_FILL, HEAD_ALIGN
        cells.append(cell)
    sheet.append(cells)


def build_workbook(year, results, records, observer=None):
    """The workbook as bytes. `records` are RecordRow tuples (views/export.py), in order."""
    observer = observer or {}
    wb = Workbook(write_only=True)
    types = [r.meeting_type for r in results[0].rules] if results else []
    summary = _sheet(wb, "按期开展情况", [28] + [14] * len(types) + [12, 10, 10, 14], freeze_row=3)
    title = WriteOnlyCell(summary, value=f"{year}年度“三会一课”等组织生活开展情况统计表")
    title.font = Font(bold=True, size=14)
    summary.append([title])
    summary.append([f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M}。"
                    "合规率＝已完成周期÷（已结束周期＋本期已完成周期）。"])
    _header(summary, ["党组织"] + [f"{MEETING_TYPE_LABELS[t]}（实开/应开）" for t in types]
            + ["合规率（%）", "逾期项", "本期待开", "观察评价均分"])
    for result in results:
        row = [result.organisation.title]
        for rule in result.rules:
            required = rule.required_each * sum(1 for s in rule.states if s != UPCOMING)
            row.append(f"{rule.held}/{required}")
        obs = observer.get(result.organisation.pk)
        overdue = WriteOnlyCell(summary, value=result.overdue_count)
        if result.overdue_count:
            overdue.fill = OVERDUE_FILL
        row += [result.percent if result.percent is not None else "—", overdue,
                result.due_count, obs.overall if obs and obs.overall is not None else "—"]
        summary.append(safe_row(summary, row))

    items = _sheet(wb, "逾期事项", [28, 14, 14, 8, 8, 10])
    _header(items, ["党组织", "会议类型", "周期", "应开", "实开", "状态"])
    for result in results:
        for item in result.overdue + result.due:
            items.append(safe_row(items, [result.organisation.title, item.label,
                                          item.period.label, item.period.required,
                                          item.period.held, STATE_LABELS[item.period.state]]))

    detail = _sheet(wb, "会议明细", DETAIL_WIDTHS)
    _header(detail, DETAIL_COLUMNS)
    tz = timezone.get_current_timezone()
    for r in records:
        start, end = r.start.astimezone(tz), r.end.astimezone(tz)
        detail.append(safe_row(detail, [
            r.organisation, MEETING_TYPE_LABELS.get(r.meeting_type, r.meeting_type),
            start.date(), f"{start:%H:%M}", f"{end:%H:%M}", r.topic, r.place, r.host,
            r.recorder, r.attendees + len(split_names(r.attendees_other)),
            r.absences, "是" if r.voided else None]))  # None: no cell at all
    stamp_sheet(wb, SOURCE, [r.pk for r in records if getattr(r, "pk", 0)], "各会议记录")
    return workbook_bytes(wb)
