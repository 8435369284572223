"""党员中心's 阅知: the notices I must read, confirming 已阅, and for secretaries who has
and has not read (with an XLSX export, recorded in the audit trail as an 导出)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from notifications.kinds import READ_REQUEST
from notifications.models import Notification
from portal.scope import ScopeResolver
from portal.spreadsheets import attachment

from . import status as read_status
from .audience import request_for, requests_for
from .models import ReadConfirmation, ReadRequest
from .xlsx import workbook


def _confirmations(user, requests):
    return dict(ReadConfirmation.objects.filter(user=user, request__in=[r.pk for r in requests])
                .values_list("request_id", "confirmed_at"))


def _overseen(user):
    """Live 需阅知 notices whose status `user` may see (secretaries and staff)."""
    if not read_status.may_view(user, None):
        return []
    resolver = ScopeResolver(user)
    return [r for r in ReadRequest.objects.filter(page__live=True).select_related("page")
            if resolver.can_see(r.page)]


@login_required
def my_list(request):
    requests = requests_for(request.user)
    confirmed = _confirmations(request.user, requests)
    items = [(r, confirmed.get(r.pk)) for r in requests]
    items.sort(key=lambda pair: (pair[1] is not None, -pair[0].pk))
    return render(request, "acknowledgements/my_list.html", {
        "items": items, "overseen": _overseen(request.user)})


@login_required
def detail(request, pk):
    read_request = request_for(request.user, pk)
    if read_request is None:
        raise Http404("没有这条需阅知的通知，或它不在您的阅知范围内。")
    confirmation = ReadConfirmation.objects.filter(request=read_request, user=request.user).first()
    return render(request, "acknowledgements/detail.html", {
        "read_request": read_request, "confirmation": confirmation,
        "may_view_status": read_status.may_view(request.user, read_request)})


@login_required
@require_POST
def confirm(request, pk):
    read_request = request_for(request.user, pk)
    if read_request is None:
        raise Http404("没有这条需阅知的通知，或它不在您的阅知范围内。")
    try:
        with transaction.atomic():
            _, created = ReadConfirmation.objects.get_or_create(request=read_request,
                                                                user=request.user)
    except IntegrityError:  # a second click racing the first
        created = False
    Notification.objects.filter(recipient=request.user, kind=READ_REQUEST, read_at=None,
                                key__startswith=f"read:{read_request.pk}:").update(
        read_at=timezone.now())
    messages.success(request, "已确认阅知。" if created else "您此前已确认阅知。")
    return redirect("acknowledgements:detail", pk=read_request.pk)


def _overseen_request(request, pk):
    read_request = get_object_or_404(ReadRequest.objects.select_related("page"), pk=pk)
    user = request.user
    if not (read_request.page.live and read_status.may_view(user, read_request)
            and ScopeResolver(user).can_see(read_request.page)):
        raise Http404("没有这条需阅知的通知，或您无权查看其阅知情况。")
    return read_request


@login_required
def status_view(request, pk):
    read_request = _overseen_request(request, pk)
    rows = read_status.rows(request.user, read_request)
    done = sum(1 for r in rows if r.confirmed_at)
    return render(request, "acknowledgements/status.html", {
        "read_request": read_request, "rows": rows, "done": done, "pending": len(rows) - done})


@login_required
def export(request, pk):
    read_request = _overseen_request(request, pk)
    content = workbook(read_request, read_status.rows(request.user, read_request))
    return attachment(content, f"read-status-{read_request.pk}-{timezone.localdate():%Y%m%d}.xlsx")
