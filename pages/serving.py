"""What the core does before Wagtail serves a page: the one `before_serve_page` hook.

The scope resolver (portal.scope) decides who may see the page, from the restrictions
on the page, its ancestors and -- for an alias, or a page below one -- its source's
subtree (Wagtail itself checks only the source page, not the subtree it stands in):
- a logged-in member outside the page's scope gets 403: the login page, where Wagtail
  would send her, cannot help someone who is already logged in;
- anyone else gets Wagtail's answers: the password form, or the login page;
- a response for a restricted page never enters the anonymous page cache.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.forms import PasswordViewRestrictionForm

from caching.middleware import mark_uncacheable
from portal.scope import resolver_for


def before_serve_page(page, request, serve_args, serve_kwargs):
    resolver = resolver_for(request)
    restrictions = resolver.restrictions_on(page)
    if not restrictions:
        return None
    mark_uncacheable(request)
    refused = [r for r in restrictions if not resolver.passes(r)]
    if not refused:
        return None
    by_membership = any(r.restriction_type != r.PASSWORD for r in refused)
    if by_membership and request.user.is_authenticated:
        response = TemplateResponse(request, "403.html", {
            "exception": "该内容仅向特定范围公开，您当前的账户不在公开范围内。",
        }, status=403)
    elif by_membership:
        response = redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
    else:
        form = PasswordViewRestrictionForm(
            instance=refused[0], initial={"return_url": request.get_full_path()})
        action = reverse("wagtailcore_authenticate_with_password", args=[refused[0].id, page.id])
        response = page.serve_password_required_response(request, form, action)
    add_never_cache_headers(response)
    return response
