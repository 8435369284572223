"""The secretary's side: 待审定 list, 审定 (approve or return) and 领导点评."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import people, tracking, workflow
from ..choices import SUBMITTED
from ..forms import CommentForm, DecisionForm
from ..models import PledgeRevision
from ..workflow import CommitmentError
from .common import ensure_visible, pledge_queryset, visible_pledge_or_404


@login_required
def review_list(request):
    user = request.user
    pending = (PledgeRevision.objects.filter(state=SUBMITTED)
               .select_related("pledge__period", "pledge__organisation",
                                            "pledge__member", "author")
               .order_by("submitted_at"))
    reviewable = set(pledge_queryset().filter(people.reviewable_pledges_q(user))
                     .values_list("pk", flat=True))
    pending = [r for r in pending if r.pledge_id in reviewable and r.author_id != user.pk]
    commentable = pledge_queryset().filter(people.reviewable_pledges_q(user),
                                           published_revision__gt=0).order_by(
        "-period__start_date", "organisation__path")
    if not pending and not commentable.exists() and not people.led_organisations(user).exists() \
            and not user.has_perm("commitments.approve_pledge"):
        raise PermissionDenied("只有党组织书记、副书记可以审定和点评承诺书。")
    return render(request, "commitments/review_list.html", {
        "pending": pending, "commentable": commentable})


@login_required
def review_revision(request, pk):
    revision = get_object_or_404(PledgeRevision.objects.select_related(
        "pledge__period", "pledge__organisation", "pledge__member", "author"), pk=pk)
    pledge = ensure_visible(request, revision.pledge)
    if not people.can_review(request.user, pledge):
        raise PermissionDenied("您无权审定该承诺书。")
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if "approve" in request.POST:
                workflow.approve(request.user, revision, note)
                messages.success(request, "已审定通过，承诺书已公开示诺。")
            else:
                workflow.return_for_changes(request.user, revision, note)
                messages.success(request, "已退回修改。")
        except CommitmentError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("commitments:review")
    current = {i.pk: i for i in pledge.items.current()}
    rows = []
    for data in revision.items:
        before = current.get(data.get("id"))
        changed = before is None or any(
            str(getattr(before, f) if f != "deadline" else before.deadline.isoformat())
            != str(data[f]) for f in ("content", "category", "measures", "deadline",
                                      "responsible", "weight"))
        rows.append((data, "新增" if before is None else ("修改" if changed else "")))
    kept = {d.get("id") for d in revision.items}
    removed = [i for pk_, i in current.items() if pk_ not in kept]
    return render(request, "commitments/review_revision.html", {
        "revision": revision, "pledge": pledge, "rows": rows, "removed": removed, "form": form,
        "is_update": pledge.is_published,
    })


@require_POST
@login_required
def comment(request, pk):
    pledge = visible_pledge_or_404(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择点评等次并填写点评意见。")
        return redirect("commitments:pledge", pk=pk)
    try:
        tracking.add_comment(request.user, pledge, form.cleaned_data["comment"],
                             form.cleaned_data["grade"])
    except CommitmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "点评已发布。")
    return redirect("commitments:pledge", pk=pk)
