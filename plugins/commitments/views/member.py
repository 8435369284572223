"""The member's side: 我的承诺, drafting and submitting a 承诺书, 践诺记录 and 自评."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import people, tracking, workflow
from ..choices import MEMBER_PLEDGE, ORGANISATION_PLEDGE
from ..forms import PledgeMetaForm, ProgressForm, SelfAssessmentForm, StartPledgeForm, item_formset
from ..models import CommitmentItem, Period
from ..workflow import CommitmentError
from .common import ensure_visible, pledge_queryset, visible_pledge_or_404


def member_required(view):
    """Logged in (else to the login page) and a party member (else 403 with a clear message)."""
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not people.is_party_member(request.user):
            raise PermissionDenied(workflow.NOT_A_MEMBER)
        return view(request, *args, **kwargs)
    return wrapped


def _own_pledge(request, pk):
    pledge = visible_pledge_or_404(request, pk)
    if not people.can_edit(request.user, pledge):
        raise PermissionDenied(workflow.NOT_YOURS)
    return pledge


@member_required
def my_pledges(request):
    user = request.user
    led = people.led_organisations(user)
    pledges = pledge_queryset().filter(
        Q(kind=MEMBER_PLEDGE, member=user) | Q(kind=ORGANISATION_PLEDGE, organisation__in=led)
    ).order_by("-period__start_date", "kind")
    period = Period.objects.current()
    form = StartPledgeForm(led=led, initial={"period": period, "kind": MEMBER_PLEDGE})
    return render(request, "commitments/my_pledges.html", {
        "pledges": pledges, "form": form, "led": led, "period": period,
        "home_organisation": people.home_organisation(user),
    })


@require_POST
@member_required
def start_pledge(request):
    form = StartPledgeForm(request.POST, led=people.led_organisations(request.user))
    if not form.is_valid():
        messages.error(request, "请选择承诺期和承诺主体。")
        return redirect("commitments:my")
    data = form.cleaned_data
    if data["kind"] == ORGANISATION_PLEDGE and data["organisation"] is None:
        messages.error(request, "起草党组织承诺书时请选择党组织。")
        return redirect("commitments:my")
    try:
        pledge = workflow.start_pledge(request.user, data["period"], data["kind"],
                                       data["organisation"])
    except CommitmentError as exc:
        messages.error(request, str(exc))
        return redirect("commitments:my")
    return redirect("commitments:edit", pk=pledge.pk)


def _initial_items(pledge):
    revision = pledge.latest_revision()
    if revision is not None and not revision.is_approved:
        return revision, list(revision.items)
    return revision, [workflow.item_to_dict(i)
                      for i in pledge.items.current().order_by("position", "pk")]


@member_required
def edit_pledge(request, pk):
    pledge = _own_pledge(request, pk)
    revision, initial = _initial_items(pledge)
    if revision is not None and revision.is_pending:
        messages.info(request, "该承诺书已提交审定，审定完成前不能修改。")
        return redirect("commitments:pledge", pk=pledge.pk)
    blank = max(2, (5 if pledge.kind == MEMBER_PLEDGE else 12) - len(initial))
    FormSet = item_formset(extra=blank)
    scope_initial = revision.scope if revision else pledge.scope
    if request.method == "POST":
        formset = FormSet(request.POST, initial=initial, period=pledge.period, prefix="items")
        meta = PledgeMetaForm(request.POST)
        if formset.is_valid() and meta.is_valid():
            try:
                revision = workflow.editable_revision(request.user, pledge)
                workflow.save_draft(request.user, revision, formset.items(),
                                    meta.cleaned_data["scope"])
                if "submit" in request.POST:
                    workflow.submit(request.user, revision)
                    messages.success(request, "承诺书已提交，等待党组织书记审定。")
                    return redirect("commitments:pledge", pk=pledge.pk)
            except CommitmentError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "草稿已保存。")
                return redirect("commitments:edit", pk=pledge.pk)
    else:
        formset = FormSet(initial=initial, period=pledge.period, prefix="items")
        meta = PledgeMetaForm(initial={"scope": scope_initial})
    warning = workflow.count_warning(pledge.kind, len(initial)) if initial else ""
    return render(request, "commitments/pledge_edit.html", {
        "pledge": pledge, "formset": formset, "meta": meta, "revision": revision,
        "warning": warning,
    })


@member_required
def record_progress(request, pk):
    item = get_object_or_404(CommitmentItem.objects.select_related(
        "pledge__period", "pledge__organisation", "pledge__member"), pk=pk, withdrawn=False)
    pledge = ensure_visible(request, item.pledge)
    if not people.can_edit(request.user, pledge):
        raise PermissionDenied("只有承诺人（党组织承诺由本组织书记、副书记）可以登记践诺情况。")
    if request.method == "POST":
        form = ProgressForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                tracking.record_progress(request.user, item, d["date"], d["text"], d["status"],
                                         d["progress"], d["evidence"])
            except CommitmentError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "践诺记录已登记。")
                return redirect("commitments:pledge", pk=pledge.pk)
    else:
        form = ProgressForm(initial={"date": timezone.localdate(), "status": item.status,
                                     "progress": item.progress})
    return render(request, "commitments/progress_form.html", {
        "item": item, "pledge": pledge, "form": form})


@member_required
def self_assessment(request, pk):
    pledge = _own_pledge(request, pk)
    if request.method == "POST":
        form = SelfAssessmentForm(request.POST)
        if form.is_valid():
            try:
                tracking.self_assess(request.user, pledge, form.cleaned_data["text"])
            except CommitmentError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "自评已提交。")
                return redirect("commitments:pledge", pk=pledge.pk)
    else:
        form = SelfAssessmentForm(initial={"text": pledge.self_assessment})
    return render(request, "commitments/self_assessment.html", {"pledge": pledge, "form": form})
