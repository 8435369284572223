"""XLSX export of the 统计表 (附件六) and the log every export leaves behind."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from portal.spreadsheets import safe_row, workbook_bytes

from .constants import EXPORT_ACTION, EXPORT_KINDS, LEVELS

THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="F3ECE4")
FLAG_FILL = PatternFill("solid", fgColor="FDECEA")


def log_export(user, campaign, kind, detail=""):
    """Record the export in the portal's audit trail (Wagtail's log), on the campaign."""
    import audit

    return audit.log(None, EXPORT_ACTION, target=f"群众评议：{campaign}",
                     detail=f"{dict(EXPORT_KINDS)[kind]}；{detail[:200]}",
                     user=user if user and user.is_authenticated else None, instance=campaign,
                     data={"kind": kind})


def _title(ws, text, span):
    ws.append(safe_row(ws, [text]))
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=span)
    cell = ws.cell(row=ws.max_row, column=1)
    cell.font = Font(bold=True, size=14)
    cell.alignment = Alignment(horizontal="center")


def _table(ws, header, rows, flags=()):
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, values in enumerate(rows):
        ws.append(safe_row(ws, values))
        for cell in ws[ws.max_row]:
            cell.border = BOX
            if i in flags:
                cell.fill = FLAG_FILL
    for col in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 24 if col == 2 else 12


def _level_columns():
    return [f"{label}（{unit}）" for _, label in LEVELS for unit in ("票", "%")]


def _level_values(cells):
    return [value for cell in cells for value in (cell.count, cell.percent)]


def statistics_workbook(stats):
    campaign = stats.campaign
    wb = Workbook()
    ws = wb.active
    ws.title = "统计表"
    header = ["序号", "评议对象", "类别", "参评人数", "有效票数", *_level_columns(),
              "满意率（%）", "排名", "是否需整改"]
    _title(ws, f"{campaign.title}群众评议情况统计表", len(header))
    ws.append([f"评议期间：{campaign.period}　参评总人数：{stats.respondents}　"
               + "　".join(f"{label}{n}人" for label, n in stats.respondents_by_category)])
    rows = [[i + 1, row.name, row.target.kind_label, row.respondents, row.votes,
             *_level_values(row.cells), row.satisfaction, row.rank, "是" if row.flagged else "否"]
            for i, row in enumerate(stats.rows)]
    _table(ws, header, rows, {i for i, row in enumerate(stats.rows) if row.flagged})
    ws.append([])
    ws.append([f"满意率 =（满意 + 比较满意 + 基本满意）÷ 有效票数；低于{campaign.flag_threshold}%"
               "的评议对象须制定整改措施。"])

    by_cat = wb.create_sheet("按评议人类别")
    header = ["评议对象", "评议人类别", "人数", *_level_columns(), "满意率（%）"]
    _title(by_cat, "按评议人类别统计", len(header))
    rows = [[row.name, b.label, b.respondents, *_level_values(b.cells), b.satisfaction]
            for row in stats.rows for b in row.by_category]
    _table(by_cat, header, rows)

    by_crit = wb.create_sheet("分项指标")
    header = ["评议对象", "评价指标", *_level_columns(), "满意率（%）"]
    _title(by_crit, "分项指标统计", len(header))
    rows = [[row.name, b.label, *_level_values(b.cells), b.satisfaction]
            for row in stats.rows for b in row.by_criterion]
    _table(by_crit, header, rows)

    rect = wb.create_sheet("整改台账")
    header = ["评议对象", "存在问题", "整改措施", "责任人", "完成时限", "整改状态", "跟踪情况"]
    _title(rect, "整改落实台账", len(header))
    rows = [[r.target.display_name, r.problem, r.measure, r.responsible,
             r.deadline.isoformat(), r.status_text, r.progress]
            for r in campaign.rectifications.select_related("target")]
    _table(rect, header, rows)

    return workbook_bytes(wb)
