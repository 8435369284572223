"""The 阅知情况 workbook: one row per audience member the secretary accounts for."""

from django.utils import timezone
from openpyxl import Workbook

from portal.spreadsheets import safe_row, workbook_bytes

HEADERS = ["姓名", "用户名", "所在党组织", "阅知状态", "确认时间"]


def workbook(read_request, rows):
    book = Workbook()
    sheet = book.active
    sheet.title = "阅知情况"
    sheet.append(safe_row(sheet, [f"《{read_request.page.title}》阅知情况"]))
    done = sum(1 for r in rows if r.confirmed_at)
    sheet.append(safe_row(sheet, [f"应阅{len(rows)}人，已阅{done}人，未阅{len(rows) - done}人；"
                                  f"导出时间{timezone.localtime():%Y-%m-%d %H:%M}"]))
    sheet.append(HEADERS)
    for row in rows:
        when = (timezone.localtime(row.confirmed_at).strftime("%Y-%m-%d %H:%M")
                if row.confirmed_at else "")
        sheet.append(safe_row(sheet, [row.name, row.username, row.organisation, row.state, when]))
    for column, width in zip("ABCDE", (14, 16, 24, 10, 18), strict=True):
        sheet.column_dimensions[column].width = width
    return workbook_bytes(book)
