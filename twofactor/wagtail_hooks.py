from django.urls import path, reverse
from wagtail import hooks

from . import policy, views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("twofactor/", views.setup, name="twofactor_setup"),
        path("twofactor/verify/", views.verify, name="twofactor_verify"),
        path("twofactor/recovery-codes/", views.recovery_codes, name="twofactor_recovery_codes"),
    ]


@hooks.register("register_account_menu_item")
def account_menu_item(request):
    enrolled = policy.is_enrolled(request.user)
    return {
        "url": reverse("twofactor_setup"),
        "label": "两步验证",
        "help_text": "已启用：登录时需输入身份验证器上的验证码。" if enrolled
        else "用手机身份验证器为账户加上第二道保护（审批人和超级管理员必须启用）。",
    }
