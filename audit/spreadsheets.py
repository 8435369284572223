"""Spreadsheet exports that are safe to open in Excel or WPS, for any admin report.

A mixin over Wagtail's SpreadsheetExportMixin (the base of its report and listing views):
every cell that a spreadsheet would read as a formula — one starting with = + - @, a tab or
a carriage return — is written as text. In CSV it is prefixed with a single quote, and the
file is UTF-8 with a byte-order mark, served as `text/csv; charset=utf-8`, so Chinese text
opens correctly. In XLSX it is a string cell with Excel's quote prefix, as in the portal's
own exports (portal/spreadsheets.py); Wagtail alone stores "=..." as text but without the
prefix, so editing the cell would turn it into a formula, and writes "+", "-", "@" as is.
"""

from portal.spreadsheets import FORMULA_STARTS

BOM = "\ufeff"


def escape_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    def write_csv_row(self, writer, row_dict):
        return writer.writerow({
            field: escape_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        })

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell
