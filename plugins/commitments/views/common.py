"""Helpers shared by the views: finding a 承诺书 the requester may see or act on."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import people
from ..models import Pledge
from ..visibility import PledgeVisibility


def pledge_queryset():
    return Pledge.objects.select_related("period", "organisation", "member")


def visible_pledge_or_404(request, pk):
    """A published 承诺书 within the requester's scope; its author and reviewers see it always.

    Anyone else gets 404, so a restricted 承诺书 does not reveal that it exists.
    """
    return ensure_visible(request, get_object_or_404(pledge_queryset(), pk=pk))


def ensure_visible(request, pledge):
    """The 承诺书 itself, or a 404 -- never a 403 -- for someone outside its scope, so the
    actions on it (edit, 践诺, 自评, 点评, 审定) reveal no more than its page does."""
    user = request.user
    if PledgeVisibility.for_request(request).can_see(pledge):
        return pledge
    if people.can_edit(user, pledge) or people.can_review(user, pledge):
        return pledge
    raise Http404("承诺书不存在或不在您的公开范围内。")
