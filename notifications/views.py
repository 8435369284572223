"""The inbox: a person's notifications, marking them read, and how to be told."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .forms import PreferencesForm
from .models import Notification
from .preferences import preferences_of, save_preferences

PER_PAGE = 20


@login_required
def inbox(request):
    only_unread = request.GET.get("unread") == "1"
    notifications = Notification.objects.filter(recipient=request.user)
    if only_unread:
        notifications = notifications.filter(read_at=None)
    page = Paginator(notifications, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {
        "page_obj": page, "only_unread": only_unread,
        "unread_total": Notification.objects.filter(recipient=request.user,
                                                    read_at=None).count(),
    })


def _safe_link(request, link):
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure()):
        return link
    return None


@login_required
@require_POST
def mark_read(request, pk):
    """Mark one of the user's notifications read; "open" also follows its link."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk, read_at=None).update(read_at=timezone.now())
    link = _safe_link(request, notification.link)
    if request.POST.get("open") and link:
        return HttpResponseRedirect(link)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = Notification.objects.filter(recipient=request.user, read_at=None).update(
        read_at=timezone.now())
    messages.success(request, f"已将{count}条消息标为已读。" if count else "没有未读消息。")
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    current = {kind.code: delivery for kind, delivery in preferences_of(request.user)}
    data = request.POST if request.method == "POST" else None
    form = PreferencesForm(data, initial_choices=current)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                save_preferences(request.user, form.cleaned_data)
            messages.success(request, "通知方式已保存。")
            return redirect("notifications:preferences")
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    return render(request, "notifications/preferences.html", {"form": form})
