from django import template
from wagtail.models import Page

from portal.scope import resolver_for

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_label=None):
    """当前位置: 首页 > 栏目 > … (the site root is 首页)."""
    request = context["request"]
    crumbs = []
    if page is not None:
        # Titles and URLs only: plain pages, one query whatever the types.
        crumbs = list(page.get_ancestors().filter(depth__gt=2)
                      .only("id", "title", "path", "depth", "url_path"))
    return {
        "request": request,
        "crumbs": crumbs,
        "page": page,
        "current_label": current_label,
    }


@register.inclusion_tag("includes/scope_badge.html", takes_context=True)
def scope_badge(context, page, scope=None):
    if scope is None:
        scope = resolver_for(context["request"]).scope_of(page)
    return {"scope": scope}


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context.get("request")
    from wagtail.models import Site

    site = Site.find_for_request(request) if request else None
    if site is None:
        return Page.objects.none()
    return site.root_page.specific  # the instance Wagtail routed through: no new query


@register.filter
def page_window(page_obj, radius=3):
    """Page numbers within `radius` of the current one (not all of a long listing's)."""
    last = page_obj.paginator.num_pages
    return range(max(1, page_obj.number - radius), min(last, page_obj.number + radius) + 1)
