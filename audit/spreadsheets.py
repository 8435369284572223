"""Spreadsheet exports that are safe to open in Excel or WPS, for any admin report.

A mixin over Wagtail's SpreadsheetExportMixin (the base of its report and listing views):
every CSV cell that a spreadsheet would read as a formula — one starting with = + - @,
a tab or a carriage return — is prefixed with a single quote, and the file is UTF-8 with a
byte-order mark, served as `text/csv; charset=utf-8`, so Chinese text opens correctly.
(Wagtail's XLSX export already stores formula-looking text as text.)
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def escape_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCSVExportMixin:
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
