"""Small markup helpers for the ledger rows (rendered in Python: cheaper than includes per row)."""

import html

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..choices import STATUS_LABELS

register = template.Library()


@register.simple_tag
def status_badge(status):
    return format_html('<span class="cm-status cm-status--{}">{}</span>', status,
                       STATUS_LABELS.get(status, status))


@register.simple_tag
def progress_bar(value):
    value = max(0, min(100, int(value or 0)))
    bar = _PROGRESS_BARS.get(value)
    if bar is None:  # 101 possible bars: each built once per process
        done = " cm-progress__fill--done" if value >= 100 else ""
        bar = _PROGRESS_BARS[value] = format_html(
            '<span class="cm-progress" title="进度 {0}%"><svg class="cm-progress__bar" '
            'viewBox="0 0 100 8" aria-hidden="true" focusable="false">'
            '<rect class="cm-progress__track" x="0" y="0" width="100" height="8"/>'
            '<rect class="cm-progress__fill{1}" x="0" y="0" width="{0}" height="8"/></svg>'
            '<span class="cm-progress__text">{0}%</span></span>', value, done)
    return bar


_PROGRESS_BARS = {}


@register.simple_tag
def scope_label(scope):
    detail = format_html('<span class="scope__detail">·{}</span>', scope.detail) if scope.detail else ""
    return format_html('<span class="scope scope--{}" title="公开范围：{}">{}{}</span>',
                       scope.kind, str(scope), scope.label, detail)


# The ledger's rows, written out here rather than by a {% for %} over the template: per
# cell, the template engine's variable resolution, filters and tag calls cost several
# times the row's own text. The markup is exactly what the template loop gave.
ROW = """
          <tr>
            <td data-label="序号">{number}</td>
            <td data-label="承诺事项"><div><a href="{url}">{content}</a> {scope}</div></td>
            <td data-label="承诺单位/承诺人"><div>{name}{org}<small class="cm-sub">{period}</small></div></td>
            <td data-label="类别" class="cm-nowrap">{category}</td>
            <td data-label="践诺措施">{measures}</td>
            <td data-label="完成时限" class="cm-nowrap">{deadline}</td>
            <td data-label="状态">{status}</td>
            <td data-label="进度">{progress}</td>
          </tr>
        """


def _e(value):
    # html.escape is what django.utils.html.escape does, minus its lazy-string wrapper.
    return html.escape(str(value))


def _ymd(day):
    return "" if day is None else f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


@register.simple_tag
def ledger_rows(rows, start_index):
    """<tr> markup of the ledger's rows (LedgerRow), numbered from start_index."""
    scopes, statuses, out = {}, {}, []
    for number, item in enumerate(rows, start_index):
        scope = scopes.get(item.scope)
        if scope is None:  # a handful of distinct scopes per page
            scope = scopes[item.scope] = scope_label(item.scope)
        status = statuses.get(item.status)
        if status is None:
            status = statuses[item.status] = status_badge(item.status)
        org = (f'<small class="cm-sub">{_e(item.organisation_title)}</small>'
               if item.is_member_pledge else "")
        out.append(ROW.format(
            number=number, url=_e(item.url), content=_e(item.content), scope=scope,
            name=_e(item.pledger_name), org=org, period=_e(item.period_name),
            category=_e(item.category_label), measures=_e(item.measures),
            deadline=_ymd(item.deadline), status=status, progress=progress_bar(item.progress)))
    return mark_safe("".join(out))  # every value above is escaped or built by format_html


@register.simple_tag
def select_options(choices, selected=None):
    """<option>s of a filter <select> from (value, label) pairs, `selected` marked."""
    return mark_safe("".join(  # values and labels are escaped
        f'<option value="{_e(value)}"{" selected" if value == selected else ""}>'
        f'{_e(label)}</option>' for value, label in choices))
