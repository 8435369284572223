"""Admin screens: export a member's data as JSON, or erase it on request (superusers only)."""

import json

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from . import constants as c
from . import personal_data
from .api import log


def _check(request):
    if not request.user.is_superuser:
        raise PermissionDenied("只有系统管理员可以导出或删除个人信息。")


@require_http_methods(["GET"])
def overview(request, user_id):
    _check(request)
    person = get_object_or_404(get_user_model(), pk=user_id)
    return TemplateResponse(request, "audit/personal_data.html", {
        "person": person, "providers": personal_data.providers(),
    })


@require_http_methods(["GET"])
def export_json(request, user_id):
    _check(request)
    person = get_object_or_404(get_user_model(), pk=user_id)
    data = personal_data.export_for(person)
    log(request, c.PERSONAL_EXPORT, target=person.get_username(), instance=person,
        detail="个人信息导出（JSON）：" + "、".join(k for k in data if k != "导出时间"))
    response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{person.pk}.json"'
    return response


@require_POST
def erase(request, user_id):
    _check(request)
    person = get_object_or_404(get_user_model(), pk=user_id)
    if person.pk == request.user.pk:
        messages.error(request, "不能删除自己的账户信息。")
        return redirect("audit_personal_data", user_id=person.pk)
    if request.POST.get("confirm_username", "") != person.get_username():
        messages.error(request, "请输入该用户的用户名以确认删除。未做任何改动。")
        return redirect("audit_personal_data", user_id=person.pk)
    summaries = personal_data.erase(person, request)
    messages.success(request, "个人信息已删除并匿名化：" + "；".join(summaries))
    return redirect("audit_personal_data", user_id=person.pk)
