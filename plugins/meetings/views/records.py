"""Entering, reading, amending and printing one meeting record; serving its files
(current attachments, and the retained files of earlier versions)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import scope
from ..expected import expected_count
from ..forms import MeetingRecordForm
from ..history import history
from ..models import MeetingAttachment, MeetingRecord, RetainedAttachment
from ..models.records import lock_days
from .common import NOT_FOUND, deny, get_organisation

NOT_COMMITTEE = "只有本组织支部委员会成员（已关联账户）才能录入和修改会议记录。"


def _record(pk):
    return get_object_or_404(
        MeetingRecord.objects.select_related("organisation", "created_by")
        .prefetch_related("attendees", "absences", "attachments"), pk=pk)


@login_required
def create(request, org_id):
    org = get_organisation(org_id)
    if not scope.can_enter(request.user, org):
        return deny(request, NOT_COMMITTEE)
    if request.method == "POST":
        form = MeetingRecordForm(request.POST, request.FILES, organisation=org)
        if form.is_valid():
            record = form.save(request.user)
            messages.success(request, f"会议记录“{record.topic}”已保存。")
            return redirect("meetings:detail", pk=record.pk)
    else:
        form = MeetingRecordForm(organisation=org, initial={"place": org.address})
    return render(request, "meetings/record_form.html",
                  {"form": form, "org": org, "lock_days": lock_days()})


@login_required
def edit(request, pk):
    record = _record(pk)
    org = record.organisation
    if not scope.can_enter(request.user, org):
        if not scope.can_view_record(request.user, record):
            raise Http404(NOT_FOUND)
        return deny(request, NOT_COMMITTEE)
    if request.method == "POST":
        form = MeetingRecordForm(request.POST, request.FILES, instance=record, organisation=org)
        if form.is_valid():
            form.save(request.user)
            messages.success(request, "修改已保存，并写入防篡改版本链。")
            return redirect("meetings:detail", pk=record.pk)
    else:
        form = MeetingRecordForm(instance=record, organisation=org)
    return render(request, "meetings/record_form.html",
                  {"form": form, "org": org, "record": record, "lock_days": lock_days()})


def _readable(request, pk):
    record = _record(pk)
    if not scope.can_view_record(request.user, record):
        raise Http404(NOT_FOUND)
    return record


@login_required
def detail(request, pk):
    record = _readable(request, pk)
    user = request.user
    evaluations = list(record.evaluations.select_related("evaluator"))
    return render(request, "meetings/record_detail.html", {
        "record": record, "org": record.organisation, **_people(record),
        "history": history(record), "evaluations": evaluations,
        "can_enter": scope.can_enter(user, record.organisation),
        "can_open_retained": scope.can_open_retained(user, record),
        "can_evaluate": scope.can_evaluate(user, record)
        and not any(e.evaluator_id == user.pk for e in evaluations),
    })


@login_required
def print_view(request, pk):
    record = _readable(request, pk)
    return render(request, "meetings/record_print.html", {
        "record": record, "org": record.organisation, **_people(record),
        "evaluations": list(record.evaluations.select_related("evaluator")),
    })


def _people(record):
    attendees = record.attendee_names()
    absences = list(record.absences.all())
    files = list(record.attachments.all())
    return {
        "attendee_names": attendees, "absences": absences,
        "expected": expected_count(record, len(attendees), len(absences)),
        "documents": [f for f in files if f.kind == "document"],
        "photos": [f for f in files if f.kind == "photo"],
    }


@login_required
def attachment(request, pk):
    item = get_object_or_404(MeetingAttachment.objects.select_related("record__organisation"),
                             pk=pk)
    if not scope.can_view_record(request.user, item.record):
        raise Http404(NOT_FOUND)
    return _serve(item)


@login_required
def retained(request, pk):
    """A file exactly as an earlier version listed it (models/retained.py): for the
    record's editors and staff only, since it may be one that was removed on purpose."""
    item = get_object_or_404(RetainedAttachment.objects.select_related("record__organisation"),
                             pk=pk)
    if not scope.can_view_record(request.user, item.record):
        raise Http404(NOT_FOUND)
    if not scope.can_open_retained(request.user, item.record):
        return deny(request, "已移除或替换的附件存档仅对本组织支委和有权限的工作人员开放。")
    return _serve(item)


def _serve(item):
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("附件文件不存在。") from exc
    inline = item.kind == "photo" or item.file.name.lower().endswith(".pdf")
    filename = item.title or item.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=not inline, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
