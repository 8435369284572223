"""Counting rules of the 统计表 (附件六): votes, shares, 满意率, categories, ranking, flags."""

import pytest

from plugins.reviews.constants import CATEGORY_CLIENT, CATEGORY_MEMBER, CATEGORY_PUBLIC
from plugins.reviews.identity import Respondent
from plugins.reviews.models import Campaign
from plugins.reviews.submission import Refused, record_response
from plugins.reviews.tallies import build_statistics, grouped_counts, recount
from plugins.reviews.verify import verify_campaign

from .conftest import make_campaign

pytestmark = pytest.mark.django_db


def vote(campaign, n, levels_by_slug, category=CATEGORY_PUBLIC):
    by_slug = {t.organisation.slug: t for t in campaign.targets.all() if t.organisation_id}
    record_response(campaign, Respondent("device", f"device-{n}"), category,
                    {by_slug[slug].pk: levels for slug, levels in levels_by_slug.items()})


@pytest.fixture
def counted(site_tree):
    campaign = make_campaign(site_tree, opens=-10, closes=-1)
    # branch-1: 3 respondents x 5 criteria = 15 votes; branch-2 mostly 不满意.
    vote(campaign, 1, {"branch-1": "11111", "branch-2": "44444"})
    vote(campaign, 2, {"branch-1": "12223", "branch-2": "44443"}, CATEGORY_CLIENT)
    vote(campaign, 3, {"branch-1": "11144", "branch-2": "12344"}, CATEGORY_MEMBER)
    return Campaign.objects.prefetch_related("targets", "criteria").get(pk=campaign.pk)


def row_for(stats, slug):
    return next(r for r in stats.rows if r.target.organisation.slug == slug)


def test_counts_and_shares_per_level(counted):
    stats = build_statistics(counted)
    first = row_for(stats, "branch-1")
    assert first.respondents == 3
    assert first.votes == 15
    assert first.counts == {"1": 9, "2": 3, "3": 1, "4": 2}
    assert [c.percent for c in first.cells] == [60.0, 20.0, 6.7, 13.3]
    # 满意率 counts 满意 + 比较满意 + 基本满意.
    assert first.satisfaction == 86.7


def test_ranking_and_flagging(counted):
    stats = build_statistics(counted)
    first, second = row_for(stats, "branch-1"), row_for(stats, "branch-2")
    assert second.counts == {"1": 1, "2": 1, "3": 2, "4": 11}
    assert second.satisfaction == 26.7
    assert (first.rank, second.rank) == (1, 2)
    assert second.flagged and not first.flagged
    assert [r.name for r in stats.flagged] == ["第二党支部"]


def test_breakdown_by_category_and_criterion(counted):
    stats = build_statistics(counted)
    first = row_for(stats, "branch-1")
    by_cat = {b.label: b for b in first.by_category}
    assert by_cat["党外群众"].respondents == 1 and by_cat["党外群众"].counts == {"1": 5}
    assert by_cat["服务对象"].counts == {"1": 1, "2": 3, "3": 1}
    assert by_cat["党员"].counts == {"1": 3, "4": 2}
    by_crit = {b.label: b.counts for b in first.by_criterion}
    assert by_crit["中心工作完成情况"] == {"1": 3}
    assert by_crit["队伍建设"] == {"1": 1, "3": 1, "4": 1}
    assert dict(stats.respondents_by_category) == {"党员": 1, "党外群众": 1, "服务对象": 1}
    assert stats.respondents == 3


def test_ties_share_a_rank(site_tree):
    campaign = make_campaign(site_tree)
    vote(campaign, 1, {"branch-1": "11223", "branch-2": "11223"})
    stats = build_statistics(campaign)
    assert [r.rank for r in stats.rows] == [1, 1]


def test_target_without_votes_is_not_flagged(site_tree):
    campaign = make_campaign(site_tree)
    stats = build_statistics(campaign)
    assert all(r.votes == 0 and not r.flagged for r in stats.rows)
    assert stats.respondents == 0


def test_threshold_is_per_campaign(counted):
    Campaign.objects.filter(pk=counted.pk).update(flag_threshold=90)
    counted.refresh_from_db()
    stats = build_statistics(counted)
    assert {r.name for r in stats.flagged} == {"第一党支部", "第二党支部"}


def test_a_second_response_is_counted_once(counted):
    with pytest.raises(Refused):
        vote(counted, 1, {"branch-1": "44444", "branch-2": "11111"})
    assert build_statistics(counted).respondents == 3
    assert row_for(build_statistics(counted), "branch-1").counts["4"] == 2


def test_grouped_query_matches_row_by_row_recount(counted):
    assert grouped_counts(counted) == recount(counted)
    assert verify_campaign(counted) == []


def test_members_are_rated_on_member_criteria(site_tree, member1):
    campaign = make_campaign(site_tree, members=[member1])
    member_target = campaign.targets.get(member=member1)
    assert [c.name for c in campaign.criteria_for("member")] == ["履职尽责", "承诺践诺", "联系服务群众", "作风廉洁"]
    levels = {t.pk: ("1234" if t.pk == member_target.pk else "11111") for t in campaign.targets.all()}
    record_response(campaign, Respondent("device", "x"), CATEGORY_PUBLIC, levels)
    stats = build_statistics(campaign)
    assert [t.label for t in stats.tables] == ["党组织", "党员"]
    member_row = stats.tables[1].rows[0]
    assert member_row.counts == {"1": 1, "2": 1, "3": 1, "4": 1}
    assert member_row.satisfaction == 75.0
