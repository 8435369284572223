"""Roster export in the import's columns: CSV (UTF-8 with a BOM) or XLSX, formula-safe cells."""

import csv
import io

from audit.spreadsheets import BOM, escape_cell
from portal.spreadsheets import safe_row, workbook_bytes

from .columns import GENDER_LABELS, HEADINGS, STATUS_LABELS


def row_of(entry):
    return [entry.name, GENDER_LABELS.get(entry.gender, ""), f"{entry.birth_month:%Y-%m}",
            entry.joined_on.isoformat(), STATUS_LABELS.get(entry.status, ""),
            entry.party_group.name if entry.party_group else "", entry.contact]


def to_csv(entries):
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for entry in entries:
        writer.writerow([escape_cell(v) for v in row_of(entry)])
    return out.getvalue().encode("utf-8")


def to_xlsx(entries, title="党员名册"):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(HEADINGS)
    for entry in entries:
        sheet.append(safe_row(sheet, row_of(entry)))
    return workbook_bytes(workbook)
