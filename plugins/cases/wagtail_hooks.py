"""Case attachments are as visible as the cases they are attached to."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from wagtail import hooks

from portal.scope import resolver_for

from .models import CaseAttachment


@hooks.register("before_serve_document")
def check_case_attachment_scope(document, request):
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    pages = [a.page for a in CaseAttachment.objects.filter(document=document)
             .select_related("page")]
    if not pages:
        return None
    resolver = resolver_for(request)
    if any(page.live and resolver.can_see(page) for page in pages):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return HttpResponseForbidden("您无权下载该附件：它所属的案例不在您的公开范围内。")
