"""Staff screens inside the Wagtail admin: live 统计表, XLSX export, publication, 评议码."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.spreadsheets import attachment

from ..charts import level_share_chart, satisfaction_chart
from ..exports import log_export, statistics_workbook
from ..models import Campaign, EvaluationCode, RefusedAttempt
from ..tallies import build_statistics, digest
from ..verify import verify_campaign

MAX_BATCH = 2000


def _campaign_for(request, pk, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(Campaign.objects.prefetch_related("targets", "criteria"), pk=pk)


def statistics_view(request, pk):
    """Live tallies while the campaign runs; the 统计表 once it has closed."""
    campaign = _campaign_for(request, pk, "reviews.view_results")
    stats = build_statistics(campaign)
    refused = RefusedAttempt.objects.filter(campaign=campaign)
    return render(request, "reviews/admin/statistics.html", {
        "campaign": campaign,
        "stats": stats,
        "charts": [level_share_chart(t.rows, f"{t.label}评议各等次占比") for t in stats.tables]
                  + [satisfaction_chart(t.rows, campaign.flag_threshold, f"{t.label}满意率排名")
                     for t in stats.tables],
        "refused": {r: refused.filter(reason=r).count()
                    for r in ("duplicate", "code_used", "code_unknown")},
        "problems": verify_campaign(campaign) if request.GET.get("verify") else None,
        "can_publish": request.user.has_perm("reviews.publish_results") and campaign.is_closed,
        "header_title": f"统计表：{campaign.title}",
    })


def export_xlsx(request, pk):
    campaign = _campaign_for(request, pk, "reviews.view_results")
    stats = build_statistics(campaign)
    content = statistics_workbook(stats)
    state = "实时统计" if not campaign.is_closed else "统计表"
    log_export(request.user, campaign, "xlsx", f"{state}，参评{stats.respondents}人")
    return attachment(content, f"reviews-{campaign.slug}-{timezone.localdate():%Y%m%d}.xlsx")


@require_POST
def publish(request, pk):
    campaign = _campaign_for(request, pk, "reviews.publish_results")
    if not campaign.is_closed:
        messages.error(request, "评议尚未结束，不能发布通报。")
        return redirect("review_campaigns:statistics", pk=campaign.pk)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        data = build_statistics(campaign).as_data()
        campaign.published_table = data
        campaign.published_digest = digest(data)
        campaign.results_published_at = timezone.now()
        campaign.save(update_fields=["published_table", "published_digest",
                                     "results_published_at"])
    messages.success(request, "通报已发布，统计结果已存档并可用命令重新核验。")
    return redirect("review_campaigns:statistics", pk=campaign.pk)


class BatchForm(forms.Form):
    count = forms.IntegerField(label="生成数量", min_value=1, max_value=MAX_BATCH, initial=100,
                               error_messages={"max_value": f"每批最多生成{MAX_BATCH}个。",
                                               "min_value": "至少生成1个。"})


def codes_view(request, pk):
    campaign = _campaign_for(request, pk, "reviews.change_campaign")
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = EvaluationCode.generate_batch(campaign, form.cleaned_data["count"])
        messages.success(request, f"已生成第{batch}批评议码{form.cleaned_data['count']}个。")
        return redirect("review_campaigns:codes", pk=campaign.pk)
    batches = {}
    for code in EvaluationCode.objects.filter(campaign=campaign).only("batch", "used_at"):
        row = batches.setdefault(code.batch, {"batch": code.batch, "total": 0, "used": 0})
        row["total"] += 1
        row["used"] += code.used_at is not None
    return render(request, "reviews/admin/codes.html", {
        "campaign": campaign, "form": form, "batches": sorted(batches.values(),
                                                              key=lambda r: r["batch"]),
        "header_title": f"评议码：{campaign.title}",
    })


def codes_sheet(request, pk, batch):
    """A printable sheet of slips, one 评议码 each; every print-out is logged."""
    campaign = _campaign_for(request, pk, "reviews.change_campaign")
    codes = list(EvaluationCode.objects.filter(campaign=campaign, batch=batch, used_at=None))
    log_export(request.user, campaign, "codes", f"第{batch}批，未使用{len(codes)}个")
    return render(request, "reviews/admin/codes_sheet.html", {
        "campaign": campaign, "codes": codes, "batch": batch,
        "form_url": request.build_absolute_uri(reverse("reviews:form", args=[campaign.slug])),
    })
