"""评议对象 from the 党员名册: add an organisation's members (core roster, roster.api) to a
campaign as member targets. Only entries linked to an account can be targets (a target is an
account); the others are counted and named in the message. Refused once responses exist."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from pages.models import BranchPage
from roster import api as roster_api

from .models import Campaign, CampaignTarget


class RosterTargetsForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="党组织", queryset=BranchPage.objects.order_by("path"),
        error_messages={"required": "请选择党组织。", "invalid_choice": "所选党组织不存在。"})
    include_below = forms.BooleanField(label="包括下级党组织的党员", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].label_from_instance = lambda obj: obj.title


def add_from_roster(campaign, organisation, include_below=False):
    """(added names, names without an account, names already targets)."""
    entries = roster_api.entries(organisation, subtree=include_below).select_related("user")
    existing = set(campaign.targets.exclude(member=None).values_list("member_id", flat=True))
    added, unlinked, present = [], [], []
    next_order = campaign.targets.count()
    with transaction.atomic():
        for entry in entries.order_by("organisation__path", "party_group__name", "name"):
            if entry.user_id is None or not entry.user.is_active:
                unlinked.append(entry.name)
            elif entry.user_id in existing:
                present.append(entry.name)
            else:
                CampaignTarget.objects.create(campaign=campaign, member=entry.user,
                                              name=entry.name, sort_order=next_order)
                existing.add(entry.user_id)
                next_order += 1
                added.append(entry.name)
    return added, unlinked, present


def roster_targets_view(request, pk):
    if not request.user.has_perm("reviews.change_campaign"):
        raise PermissionDenied
    campaign = get_object_or_404(Campaign, pk=pk)
    form = RosterTargetsForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if campaign.has_responses():
            messages.error(request, "本活动已有评议提交，不能再更改评议对象。")
            status = 409
        elif form.is_valid():
            org = form.cleaned_data["organisation"]
            if not roster_api.has_roster(org):
                messages.error(request, f"“{org.title}”尚未建立党员名册，请先在“党员名册”中导入。")
                status = 400
            else:
                added, unlinked, present = add_from_roster(
                    campaign, org, form.cleaned_data["include_below"])
                text = f"已从“{org.title}”名册添加{len(added)}名党员为评议对象。"
                if present:
                    text += f"{len(present)}名已在评议对象中。"
                if unlinked:
                    text += (f"{len(unlinked)}名党员未关联账户，未能加入："
                             f"{'、'.join(unlinked[:20])}{'等' if len(unlinked) > 20 else ''}。")
                messages.success(request, text)
                return redirect("review_campaigns:edit", campaign.pk)
        else:
            status = 400
    return render(request, "reviews/admin/roster_targets.html", {
        "campaign": campaign, "form": form, "header_title": f"从党员名册添加评议对象：{campaign.title}",
    }, status=status)
