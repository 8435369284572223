"""The statistics workbook (统计表): compliance per organisation and the list of meetings."""

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .compliance import STATE_LABELS
from .constants import MEETING_TYPE_LABELS
from .models.records import split_names

HEAD_FONT = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="B0171F")
OVERDUE_FILL = PatternFill("solid", fgColor="FDECEA")


def _header(sheet, titles, widths, row=1):
    """Write the header at `row` (sheet.max_row scans every cell, so rows are counted here)."""
    sheet.append(titles)
    for i, width in enumerate(widths, start=1):
        cell = sheet.cell(row=row, column=i)
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = sheet.cell(row=row + 1, column=2)


def build_workbook(year, results, records, observer=None):
    observer = observer or {}
    wb = Workbook()
    summary = wb.active
    summary.title = "按期开展情况"
    summary.append([f"{year}年度“三会一课”等组织生活开展情况统计表"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([f"导出时间：{timezone.localtime():%Y-%m-%d %H:%M}。合规率＝已完成周期÷（已结束周期＋本期已完成周期）。"])
    types = [r.meeting_type for r in results[0].rules] if results else []
    titles = ["党组织"] + [f"{MEETING_TYPE_LABELS[t]}（实开/应开）" for t in types] + \
        ["合规率（%）", "逾期项", "本期待开", "观察评价均分"]
    _header(summary, titles, [28] + [14] * len(types) + [12, 10, 10, 14], row=3)
    row_number = 3
    for result in results:
        row = [result.organisation.title]
        for rule in result.rules:
            required = sum(p.required for p in rule.periods if p.state != "upcoming")
            row.append(f"{rule.held}/{required}")
        obs = observer.get(result.organisation.pk)
        row += [result.percent if result.percent is not None else "—", len(result.overdue),
                len(result.due), obs.overall if obs and obs.overall is not None else "—"]
        summary.append(row)
        row_number += 1
        if result.overdue:
            summary.cell(row=row_number, column=len(types) + 3).fill = OVERDUE_FILL

    overdue = wb.create_sheet("逾期事项")
    _header(overdue, ["党组织", "会议类型", "周期", "应开", "实开", "状态"], [28, 14, 14, 8, 8, 10])
    for result in results:
        for item in result.overdue + result.due:
            overdue.append([result.organisation.title, item.label, item.period.label,
                            item.period.required, item.period.held, STATE_LABELS[item.period.state]])

    detail = wb.create_sheet("会议明细")
    _header(detail, ["党组织", "会议类型", "日期", "开始", "结束", "会议主题", "地点", "主持人",
                     "记录人", "出席人数", "缺席人数", "作废"],
            [28, 12, 12, 8, 8, 40, 20, 10, 10, 10, 10, 6])
    row_number = 1
    for record in records:
        start, end = timezone.localtime(record.start), timezone.localtime(record.end)
        detail.append([record.organisation.title, record.get_meeting_type_display(),
                       start.date(), start.strftime("%H:%M"), end.strftime("%H:%M"), record.topic,
                       record.place, record.host, record.recorder,
                       record.n_attendees + len(split_names(record.attendees_other)),
                       record.n_absences, "是" if record.voided else ""])
        row_number += 1
        detail.cell(row=row_number, column=3).number_format = "yyyy-mm-dd"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
