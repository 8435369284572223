"""Case attachments are as visible as the cases they are attached to."""

from wagtail import hooks

from pages.attachment_scope import attachment_refusal

from .models import CaseAttachment


@hooks.register("before_serve_document")
def check_case_attachment_scope(document, request):
    return attachment_refusal(document, request, CaseAttachment,
                              "您无权下载该附件：它所属的案例不在您的公开范围内。")
