"""Re-verifying a campaign's figures from the raw responses (`verify_review_tallies`)."""

from django.db.models import Count, F

from .constants import CHANNEL_CODE, LEVEL_CODES
from .models import EvaluationCode, Rating, Response
from .tallies import build_statistics, digest, grouped_counts, recount


def verify_campaign(campaign):
    """A list of problems found (empty when every figure checks out)."""
    problems = []
    grouped = grouped_counts(campaign)
    counted = recount(campaign)
    if grouped != counted:
        problems.append("分组统计与逐条重新计数不一致。")

    expected_length = {kind: len(campaign.criteria_for(kind)) for kind in campaign.target_kinds()}
    kinds = {t.pk: t.kind for t in campaign.targets.all()}
    for (target_id, _category, levels), n in counted.items():
        if target_id not in kinds:
            problems.append(f"有 {n} 条评价指向不属于本活动的评议对象（ID {target_id}）。")
        elif len(levels) != expected_length[kinds[target_id]] or set(levels) - set(LEVEL_CODES):
            problems.append(f"有 {n} 条评价的等次数据无效：{levels!r}。")

    incomplete = (Response.objects.filter(campaign=campaign)
                  .annotate(n=Count("ratings")).exclude(n=len(kinds)).count())
    if incomplete:
        problems.append(f"有 {incomplete} 份评议未对全部 {len(kinds)} 个对象作出评价。")

    ratings = Rating.objects.filter(campaign=campaign)
    mismatched = (ratings.exclude(response__campaign=campaign).count()
                  + ratings.exclude(category=F("response__category")).count())
    if mismatched:
        problems.append(f"有 {mismatched} 条评价的活动或评议人类别与所属评议不一致。")

    by_code = Response.objects.filter(campaign=campaign, channel=CHANNEL_CODE).count()
    used = EvaluationCode.objects.filter(campaign=campaign).exclude(used_at=None).count()
    if by_code != used:
        problems.append(f"凭评议码提交的评议 {by_code} 份，已使用的评议码 {used} 个，二者不一致。")

    if campaign.published_digest:
        if digest(campaign.published_table) != campaign.published_digest:
            problems.append("已发布的统计结果与其摘要不符（发布记录可能被改动）。")
        current = build_statistics(campaign, grouped).as_data()
        if digest(current) != campaign.published_digest:
            problems.append("按原始评议重新计算的结果与已发布的统计表不一致。")
    return problems
