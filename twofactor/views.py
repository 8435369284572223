"""Enrolling an authenticator, giving a code after login, renewing recovery codes."""

import segno
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit import log as audit_log
from audit.constants import LOGIN, LOGIN_FAILED

from . import policy
from .forms import CodeForm


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()},
                                           require_https=request.is_secure()):
        return "/admin/"
    return target


def setup(request):
    user = request.user
    if policy.is_enrolled(user):
        return render(request, "twofactor/status.html", {
            "required": policy.is_required(user), "verified": user.is_verified(),
            "left": _recovery_left(user)})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or \
        TOTPDevice.objects.create(user=user, name=policy.TOTP_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = "".join(form.cleaned_data["code"].split())
        if code.isdigit() and device.verify_token(code):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session.pop(policy.PENDING, None)
            codes = policy.new_recovery_codes(user)
            audit_log(request, LOGIN, user.get_username(), "两步验证：启用身份验证器")
            return render(request, "twofactor/codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", "验证码不正确，请核对手机时间后输入身份验证器上当前显示的6位数字。")
    return render(request, "twofactor/setup.html", {
        "form": form, "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        "key": _spaced(device.bin_key), "required": policy.is_required(user),
        "next": _next(request)})


def verify(request):
    user = request.user
    if not policy.is_enrolled(user):
        return redirect("twofactor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = policy.verify(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.pop(policy.PENDING, None)
            if device.persistent_id.startswith("otp_static"):
                left = _recovery_left(user)
                audit_log(request, LOGIN, user.get_username(), f"两步验证：使用恢复码，剩余{left}个")
                messages.warning(request, f"您使用了一个恢复码，还剩{left}个。"
                                          "用完前请在“两步验证”页面重新生成。")
            return redirect(_next(request))
        audit_log(request, LOGIN_FAILED, user.get_username(), "两步验证：验证码错误")
        form.add_error("code", "验证码不正确或已使用过。多次输错后需等待片刻再试。")
    return render(request, "twofactor/verify.html", {"form": form, "next": _next(request)})


def recovery_codes(request):
    user = request.user
    if request.method != "POST" or not policy.is_enrolled(user) or not user.is_verified():
        return redirect("twofactor_setup")
    codes = policy.new_recovery_codes(user)
    audit_log(request, LOGIN, user.get_username(), "两步验证：重新生成恢复码")
    return render(request, "twofactor/codes.html", {"codes": codes, "next": "/admin/"})


def _recovery_left(user):
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user).count()


def _spaced(key):
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))
