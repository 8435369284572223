"""Demo campaigns: one closed with published results and 整改, one open. Safe to rerun."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .constants import (
    CATEGORY_CLIENT,
    CATEGORY_MEMBER,
    CATEGORY_PUBLIC,
    CHANNEL_ACCOUNT,
    CHANNEL_CODE,
    COMMENT_APPROVED,
    COMMENT_REJECTED,
    MODE_CODE,
    MODE_DEVICE,
    RECTIFY_DONE,
    SCOPE_ORGANISATION,
    SCOPE_PUBLIC,
)
from .identity import Respondent
from .models import Campaign, CampaignTarget, Comment, EvaluationCode, Rectification
from .submission import record_response
from .tallies import build_statistics, digest

CLOSED_SLUG = "2025-h2"
OPEN_SLUG = "2026-h1-branch-1"
BRANCH_SLUGS = ["branch-1", "branch-2", "branch-3", "branch-4", "branch-5", "branch-6",
                "treasury-branch", "joint-branch"]
MEMBER_USERNAMES = ["member1", "member2", "secretary1"]
# Level weights (满意, 比较满意, 基本满意, 不满意) per target; joint-branch falls under 60%.
WEIGHTS = {"joint-branch": (10, 15, 25, 50), "branch-4": (40, 30, 18, 12)}
DEFAULT_WEIGHTS = (55, 28, 12, 5)
COMMENTS = [
    ("窗口服务态度好，办事效率明显提高，希望继续保持。", COMMENT_APPROVED),
    ("建议进一步公开办事流程和时限，方便群众查询。", COMMENT_APPROVED),
    ("联合党支部的承诺事项落实不够及时，希望加强跟踪。", COMMENT_APPROVED),
    ("<script>alert('x')</script>某某人的电话是……", COMMENT_REJECTED),
    ("希望多组织进社区服务活动。", None),  # left in the queue for the admin demo
]


def _branch_pages():
    from pages.models import BranchPage

    return {p.slug: p for p in BranchPage.objects.filter(slug__in=BRANCH_SLUGS + ["jiguan-dangwei"])}


class ReviewsDemo:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.rng = random.Random(2025)

    def say(self, text):
        if self.stdout is not None:
            self.stdout.write(text)

    @transaction.atomic
    def run(self):
        orgs = _branch_pages()
        if not orgs:
            self.say("群众评议演示数据：未找到演示党组织，跳过。")
            return
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=MEMBER_USERNAMES)}
        if not Campaign.objects.filter(slug=CLOSED_SLUG).exists():
            self.closed_campaign(orgs, users)
        if not Campaign.objects.filter(slug=OPEN_SLUG).exists():
            self.open_campaign(orgs, users)

    def _targets(self, campaign, orgs, users, org_slugs, usernames):
        i = 0
        for slug in org_slugs:
            if slug in orgs:
                campaign.targets.add(CampaignTarget(organisation=orgs[slug], sort_order=i))
                i += 1
        for name in usernames:
            if name in users:
                campaign.targets.add(CampaignTarget(member=users[name], sort_order=i))
                i += 1

    def closed_campaign(self, orgs, users):
        # The half-year before the current one, reviewed in its last month: the demo stays
        # coherent with the day it is loaded.
        tz = timezone.get_current_timezone()
        today = timezone.localdate()
        year, month = (today.year, 6) if today.month > 6 else (today.year - 1, 12)
        half = "上半年" if month == 6 else "下半年"
        last_day = 30 if month == 6 else 31
        campaign = Campaign(
            title=f"{year}年{half}群众评议", slug=CLOSED_SLUG, period=f"{year}年{half}",
            intro=f"机关党委组织服务对象和党外群众，对各党支部及部分党员{year}年{half}的工作进行评议。",
            opens_at=dt.datetime(year, month, 1, 9, 0, tzinfo=tz),
            closes_at=dt.datetime(year, month, last_day, 18, 0, tzinfo=tz),
            public_mode=MODE_CODE, publication_scope=SCOPE_PUBLIC,
            bulletin=("各党支部：\n根据《关于建立健全创先争优长效机制的通知》要求，机关党委于"
                      f"{year}年{month}月组织开展了{half}群众评议。现将评议结果通报如下。对满意率低于60%"
                      "的党支部，请于规定时限内落实整改并报送整改情况。"),
        )
        self._targets(campaign, orgs, users, BRANCH_SLUGS, MEMBER_USERNAMES)
        campaign.save()
        campaign = Campaign.objects.prefetch_related("targets", "criteria").get(pk=campaign.pk)
        EvaluationCode.generate_batch(campaign, 200)
        codes = list(EvaluationCode.objects.filter(campaign=campaign).values_list("code", flat=True))
        targets = list(campaign.targets.all())
        lengths = {kind: len(campaign.criteria_for(kind)) for kind in campaign.target_kinds()}
        start = campaign.opens_at
        comments = iter(COMMENTS)
        responses = 0
        for i, code in enumerate(codes[:150]):
            category = CATEGORY_CLIENT if i % 3 == 0 else CATEGORY_PUBLIC
            self._answer(campaign, Respondent(CHANNEL_CODE, code), category, targets, lengths,
                         start + dt.timedelta(hours=3 * i), comments if i % 30 == 1 else None)
            responses += 1
        for user in users.values():
            self._answer(campaign, Respondent(CHANNEL_ACCOUNT, str(user.pk)), CATEGORY_MEMBER,
                         targets, lengths, start + dt.timedelta(days=2), None)
            responses += 1
        by_slug = {t.organisation.slug: t for t in targets if t.organisation_id}
        if "joint-branch" in by_slug:
            self._rectifications(campaign, by_slug["joint-branch"])
        data = build_statistics(campaign).as_data()
        Campaign.objects.filter(pk=campaign.pk).update(
            published_table=data, published_digest=digest(data),
            results_published_at=min(campaign.closes_at + dt.timedelta(days=10), timezone.now()))
        self.say(f"群众评议演示：已结束活动“{campaign.title}”，{responses} 份评议，已发布通报。")

    def _rectifications(self, campaign, target):
        """整改 items dated from the review's close, never after today: one still open and not
        yet due, one done within its first weeks."""
        today = timezone.localdate()
        closed = timezone.localtime(campaign.closes_at).date()
        done_on = min(closed + dt.timedelta(days=20), today)
        Rectification.objects.create(
            campaign=campaign, target=target,
            problem="承诺事项办理进度公开不及时，群众对“为群众办实事”评价较低。",
            measure="建立承诺事项月度通报制度，每月10日前在党务公开栏公布办理进度；支部书记逐项督办。",
            responsible="黄志勇",
            deadline=max(closed + dt.timedelta(days=90), today + dt.timedelta(days=30)),
            progress="已建立月度通报制度，此后每月按时公布办理进度。")
        Rectification.objects.create(
            campaign=campaign, target=target,
            problem="支部组织生活参与率偏低，队伍建设评价不高。",
            measure="按季度开展主题党日活动，联合各单位轮流承办。", responsible="杨柳",
            deadline=closed + dt.timedelta(days=45), status=RECTIFY_DONE, completed_on=done_on,
            progress=f"已完成：{done_on:%Y年%-m月%-d日}开展联合主题党日活动1次。")

    def _answer(self, campaign, respondent, category, targets, lengths, at, comments):
        levels = {}
        for target in targets:
            slug = target.organisation.slug if target.organisation_id else ""
            weights = WEIGHTS.get(slug, DEFAULT_WEIGHTS)
            levels[target.pk] = "".join(self.rng.choices("1234", weights=weights,
                                                          k=lengths[target.kind]))
        text, status = next(comments, ("", None)) if comments else ("", None)
        response = record_response(campaign, respondent, category, levels, comment=text,
                                   phone="13812341234" if text else "", at=at)
        if text and status:
            Comment.objects.filter(response=response).update(status=status, moderated_at=at)

    def open_campaign(self, orgs, users):
        now = timezone.now()
        today = timezone.localdate()
        half = "上半年" if today.month <= 6 else "下半年"  # the half-year now ending
        campaign = Campaign(
            title=f"机关第一党支部{today.year}年{half}群众评议", slug=OPEN_SLUG,
            period=f"{today.year}年{half}",
            intro=f"请服务对象和党外群众对机关第一党支部及支部党员{half}的工作进行评议。",
            opens_at=now - dt.timedelta(days=3), closes_at=now + dt.timedelta(days=60),
            public_mode=MODE_DEVICE, publication_scope=SCOPE_ORGANISATION,
            scope_organisation=orgs.get("branch-1"),
        )
        self._targets(campaign, orgs, users, ["branch-1"], ["secretary1", "member1"])
        if campaign.scope_organisation is None:
            campaign.publication_scope = SCOPE_PUBLIC
        campaign.save()
        self.say(f"群众评议演示：进行中活动“{campaign.title}”。")
