"""The rows of the 机关党委 overview table and of an organisation's table of the
organisations below it, rendered in Python.

Two hundred organisations times a dozen cells is thousands of template nodes;
plain string building with explicit escaping does the same at a fraction of the cost.
Only the title and link are text; every other cell is a number.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe


def _percent(value):
    if value is None:
        return '<span class="mtg-muted">—</span>'
    low = " mtg-pct--low" if value < 60 else ""
    return (f'<span class="mtg-pct{low}"><meter min="0" max="100" low="60" high="90" '
            f'optimum="100" value="{value}">{value}%</meter> {value}%</span>')


def _row(row):
    held = "".join(f'<td class="mtg-num">{int(n)}</td>' for n in row["held"])
    overdue = int(row["overdue"])
    badge = f'<span class="badge badge--warn">{overdue}</span>' if overdue else "0"
    alert = ' class="mtg-row--alert"' if overdue else ""
    return (f'<tr{alert}><th scope="row"><a href="{escape(row["url"])}">{escape(row["title"])}'
            f'</a></th>{held}<td>{_percent(row["percent"])}</td><td class="mtg-num">{badge}</td>'
            f'<td class="mtg-num">{int(row["due"])}</td>'
            f'<td class="mtg-num">{escape(row["observer"] or "—")}</td></tr>\n')


def render_rows(rows):
    return mark_safe("".join(_row(row) for row in rows))  # noqa: S308 - every value escaped above


def _sub_row(row):
    overdue = int(row["overdue"])
    badge = f'<span class="badge badge--warn">{overdue}</span>' if overdue else "0"
    alert = ' class="mtg-row--alert"' if overdue else ""
    return (f'<tr{alert}><th scope="row"><a href="{escape(row["url"])}">{escape(row["title"])}'
            f'</a></th><td class="mtg-num">{int(row["held_total"])}</td>'
            f'<td>{_percent(row["percent"])}</td><td class="mtg-num">{badge}</td>'
            f'<td class="mtg-num">{int(row["due"])}</td></tr>\n')


def render_sub_rows(rows):
    return mark_safe("".join(_sub_row(row) for row in rows))  # noqa: S308 - every value escaped above
