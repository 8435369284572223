"""One 承诺书: its page, printable version, Word download, and evidence files."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.encoding import escape_uri_path

from .. import history, people
from ..docx_export import DOCX_CONTENT_TYPE, pledge_docx
from ..models import Evidence
from ..visibility import PledgeVisibility
from .common import visible_pledge_or_404


def _context(request, pledge):
    today = timezone.localdate()
    items = list(pledge.items.current().order_by("position", "pk").prefetch_related(
        "records__evidence"))
    visibility = PledgeVisibility.for_request(request)
    user = request.user
    comments = list(pledge.comments.order_by("created_at", "id"))
    return {
        "pledge": pledge,
        "items": [(item, item.effective_status(today)) for item in items],
        "has_records": any(item.records.all() for item in items),
        "completion": pledge.items.current().weighted_completion(),
        "comments": comments,
        "scope": visibility.scope_of(pledge),
        "history": history.label_actors(
            pledge.ledger_entries.order_by("seq").prefetch_related("texts")),
        "can_edit": people.can_edit(user, pledge),
        "can_comment": people.can_review(user, pledge, "commitments.comment_pledge"),
        "pending": pledge.pending_revision(),
        "today": today,
    }


def pledge_detail(request, pk):
    pledge = visible_pledge_or_404(request, pk)
    return render(request, "commitments/pledge_detail.html", _context(request, pledge))


def pledge_print(request, pk):
    pledge = visible_pledge_or_404(request, pk)
    return render(request, "commitments/pledge_print.html", _context(request, pledge))


def pledge_word(request, pk):
    pledge = visible_pledge_or_404(request, pk)
    if not pledge.is_published:
        raise Http404("承诺书审定公开后才能下载。")
    items = list(pledge.items.current().order_by("position", "pk"))
    comments = list(pledge.comments.order_by("created_at", "id"))
    response = HttpResponse(pledge_docx(pledge, items, comments), content_type=DOCX_CONTENT_TYPE)
    name = escape_uri_path(f"{pledge.title}.docx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


def evidence_file(request, pk):
    """Evidence is as visible as its 承诺书; served through here, never from a public URL."""
    evidence = get_object_or_404(Evidence.objects.select_related("record__item__pledge"), pk=pk)
    visible_pledge_or_404(request, evidence.record.item.pledge_id)
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type,
                            as_attachment=not evidence.is_image, filename=evidence.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response
