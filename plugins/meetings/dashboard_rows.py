"""The rows of the 机关党委 overview table, rendered in Python.

Two hundred organisations times a dozen cells is thousands of template nodes;
format_html does the same escaping at a fraction of the cost.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _percent(value):
    if value is None:
        return mark_safe('<span class="mtg-muted">—</span>')
    low = " mtg-pct--low" if value < 60 else ""
    return format_html('<span class="mtg-pct{}"><meter min="0" max="100" low="60" high="90" '
                       'optimum="100" value="{}">{}%</meter> {}%</span>', low, value, value, value)


def _row(row):
    held = format_html_join("", '<td class="mtg-num">{}</td>', ((n,) for n in row["held"]))
    overdue = (format_html('<span class="badge badge--warn">{}</span>', row["overdue"])
               if row["overdue"] else "0")
    return format_html(
        '<tr{}><th scope="row"><a href="{}">{}</a></th>{}<td>{}</td>'
        '<td class="mtg-num">{}</td><td class="mtg-num">{}</td><td class="mtg-num">{}</td></tr>\n',
        mark_safe(' class="mtg-row--alert"') if row["overdue"] else "", row["url"], row["title"],
        held, _percent(row["percent"]), overdue, row["due"], row["observer"] or "—")


def render_rows(rows):
    return mark_safe("".join(_row(row) for row in rows))
