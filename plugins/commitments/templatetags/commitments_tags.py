"""Small markup helpers for the ledger: status badge and progress bar."""

from django import template
from django.utils.html import format_html

from ..choices import STATUS_LABELS

register = template.Library()


@register.simple_tag
def status_badge(status):
    return format_html('<span class="cm-status cm-status--{}">{}</span>', status,
                       STATUS_LABELS.get(status, status))


@register.simple_tag
def progress_bar(value):
    value = max(0, min(100, int(value or 0)))
    done = " cm-progress__fill--done" if value >= 100 else ""
    return format_html(
        '<span class="cm-progress" title="进度 {0}%"><svg class="cm-progress__bar" '
        'viewBox="0 0 100 8" aria-hidden="true" focusable="false">'
        '<rect class="cm-progress__track" x="0" y="0" width="100" height="8"/>'
        '<rect class="cm-progress__fill{1}" x="0" y="0" width="{0}" height="8"/></svg>'
        '<span class="cm-progress__text">{0}%</span></span>', value, done)
