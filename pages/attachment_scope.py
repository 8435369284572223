"""One rule for attachments of any page type: as visible as the pages they are attached to."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden

from portal.scope import resolver_for


def attachment_refusal(document, request, attachment_model, refusal_message):
    """None to let the download go on, else the login redirect or 403 for `document`.

    `attachment_model` has `page` and `document` foreign keys. Staff with admin access
    get everything; documents attached to none of these pages are left to the next hook.
    """
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    pages = [a.page for a in attachment_model.objects.filter(document=document)
             .select_related("page")]
    if not pages:
        return None
    resolver = resolver_for(request)
    if any(page.live and resolver.can_see(page) for page in pages):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return HttpResponseForbidden(refusal_message)
