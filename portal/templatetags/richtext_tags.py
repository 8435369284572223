from django import template

from portal.richtext import render_sanitised

register = template.Library()


@register.filter
def sanitised_richtext(value):
    """Like Wagtail's `richtext`, then whitelisted again (see portal/richtext.py)."""
    return render_sanitised(value)
