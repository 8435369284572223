"""阅知 in the admin's 个人信息导出 (audit/personal_data.py). Confirmations are kept on erasure
(the organisation's record of who read a notice); they then name the anonymised account."""

from .models import ReadConfirmation


def export(user):
    return [{"通知": c.request.page.title, "确认时间": c.confirmed_at.isoformat()}
            for c in ReadConfirmation.objects.filter(user=user).select_related("request__page")]


def register():
    from audit.personal_data import register as register_provider

    register_provider("acknowledgements", "阅知确认", export=export)
