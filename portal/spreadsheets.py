"""Cells for XLSX exports that spreadsheet programs never read as formulas.

openpyxl stores any string beginning with "=" as a formula, and Excel or WPS treat text
beginning with "+", "-" or "@" (and tab or CR before them) as the start of one when the
cell is edited. A 承诺事项, a meeting topic or a name typed by a user must arrive as the
text it is, so every export passes its rows through safe_row(): such strings become
string cells with Excel's quote prefix (shown as typed, never evaluated).
"""

from io import BytesIO

from django.http import HttpResponse
from openpyxl.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_cell(worksheet, value):
    cell = Cell(worksheet, row=1, column=1, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_value(worksheet, value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return text_cell(worksheet, value)
    return value


def safe_row(worksheet, values):
    """The row for worksheet.append(), risky strings turned into text cells."""
    return [safe_value(worksheet, value) for value in values]


def workbook_bytes(workbook):
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def attachment(content, filename, content_type=XLSX_CONTENT_TYPE):
    """A download of `content` named `filename` (ASCII)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
