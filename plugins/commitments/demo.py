"""Demo data for two periods (2026年上半年 finished and reviewed, 2026年下半年 under way).

Organisations and accounts come from pages/demo (looked up by slug and username);
a rerun changes nothing.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from pages.models import BranchPage

from . import history, workflow
from .choices import (
    APPROVED,
    DONE,
    FAILED,
    IN_PROGRESS,
    MEMBER_PLEDGE,
    NOT_STARTED,
    ORGANISATION_PLEDGE,
    PRACTICAL,
    SERVICE,
)
from .models import LeaderComment, LedgerEntry, Period, Pledge, PledgeRevision, ProgressRecord

BRANCHES = ["branch-1", "branch-2", "branch-3", "branch-4", "branch-5", "branch-6",
            "treasury-branch", "joint-branch"]
MEMBERS = ["member1", "member2"]

ORG_ITEMS = [
    (SERVICE, "窗口业务一次性告知、限时办结，群众满意率达到95%以上", "设立党员示范岗，落实首问负责制和限时办结制"),
    (SERVICE, "财政资金拨付审核时限压缩至3个工作日", "梳理审核流程，推行网上审批，每月通报办理时限"),
    (PRACTICAL, "为结对社区办好3件民生实事", "走访结对社区，建立需求清单，逐项销号"),
    (SERVICE, "政策咨询电话工作时间接通率100%", "党员轮流值守咨询电话，建立来电登记台账"),
    (PRACTICAL, "开展“财政政策进企业”宣讲不少于4场", "组织党员业务骨干深入园区企业宣讲惠企政策"),
    (PRACTICAL, "帮助困难群众解决就医、就学等实际困难不少于5件", "党员与困难家庭结对帮扶，定期走访"),
    (SERVICE, "落实党员联系群众制度，每名党员联系群众不少于2户", "建立联系户名册，每季度走访一次"),
    (PRACTICAL, "组织主题党日志愿服务活动不少于6次", "结合主题党日开展文明交通、环境整治等志愿服务"),
    (SERVICE, "群众来信来访办结率100%", "实行领导包案，专人跟踪，按期回复"),
    (PRACTICAL, "完成本处室重点工作任务清单", "分解任务到人，每月支委会听取进展"),
    (SERVICE, "惠企资金兑付“免申即享”覆盖率达到80%", "与数据部门对接，完善企业信息库"),
    (PRACTICAL, "开展廉政风险点排查并完成整改", "对照岗位职责排查风险点，制定防控措施"),
]
MEMBER_ITEMS = [
    (SERVICE, "对来电来访群众做到热情接待、耐心解答", "落实首问负责制，做好来访登记"),
    (PRACTICAL, "每季度走访联系户不少于1次，帮助解决实际困难", "建立走访记录，及时反映群众诉求"),
    (PRACTICAL, "参加志愿服务不少于4次", "参加支部组织的主题党日志愿服务"),
    (SERVICE, "本岗位业务办理零差错、零投诉", "熟悉政策，认真复核每一笔业务"),
]
GRADES = ["excellent", "good", "excellent", "fair"]


def _periods():
    periods = []
    for half in (1, 2):
        period = Period.objects.filter(year=2026, half=half).first()
        if period is None:
            period = Period.for_half(2026, half)
            period.full_clean()
            period.save()
        periods.append(period)
    return periods


def _item_dicts(templates, period, count, rng, responsible):
    days = (period.end_date - period.start_date).days
    rows = []
    for n in range(count):
        category, content, measures = templates[n % len(templates)]
        deadline = period.start_date + dt.timedelta(days=rng.randint(days // 3, days))
        rows.append({"content": content, "category": category, "measures": measures,
                     "deadline": deadline.isoformat(), "responsible": responsible,
                     "weight": rng.choice([1, 1, 2, 2, 3])})
    return rows


def _publish(pledge, items, approver_name, when):
    revision = PledgeRevision.objects.create(
        pledge=pledge, number=1, state=APPROVED, items=items, scope=pledge.scope,
        submitted_at=when, decided_at=when, note="同意公开。")
    workflow._apply(revision)
    pledge.state, pledge.published_revision, pledge.published_at = APPROVED, 1, when
    pledge.save(update_fields=["state", "published_revision", "published_at", "updated_at"])
    history.append(pledge, LedgerEntry.APPROVAL, {
        "revision": 1, "items": len(items), "withdrawn": [], "scope": pledge.scope,
        "note": "同意公开。"}, actor=approver_name)
    return pledge


def _progress(pledge, period, rng, finished, today, actor):
    for item in pledge.items.current():
        if finished:
            status = rng.choice([DONE, DONE, DONE, DONE, FAILED])
            progress = 100 if status == DONE else rng.choice([60, 80])
        elif item.deadline < today:
            status = rng.choice([DONE, DONE, IN_PROGRESS])
            progress = 100 if status == DONE else rng.choice([50, 70, 90])
        else:
            status = rng.choice([NOT_STARTED, IN_PROGRESS, IN_PROGRESS])
            progress = 0 if status == NOT_STARTED else rng.choice([20, 40, 60])
        if status == NOT_STARTED:
            continue
        date = min(item.deadline, today, period.end_date)
        text = ("已按期完成，群众反映良好。" if status == DONE else
                "部分完成，已向党组织说明原因并制定整改措施。" if status == FAILED else
                "正在推进，已完成阶段性任务。")
        ProgressRecord.objects.create(item=item, date=date, text=text, status=status,
                                      progress=progress)
        old = item.status
        item.status, item.progress = status, progress
        item.save(update_fields=["status", "progress", "updated_at"])
        history.append(pledge, LedgerEntry.STATUS, {
            "from": old, "to": status, "progress_from": 0, "progress": progress,
            "date": date.isoformat(), "text": "演示数据"}, item=item, actor=actor)


def _review(pledge, rng, reviewer):
    pledge.self_assessment = ("对照承诺事项逐项检查，大部分承诺已兑现；"
                              "个别事项因客观原因未按期完成，下半年将加强统筹，确保落实。")
    pledge.self_assessed_at = timezone.now()
    pledge.save(update_fields=["self_assessment", "self_assessed_at"])
    history.append(pledge, LedgerEntry.SELF_ASSESSMENT, {"text": pledge.self_assessment},
                   actor=pledge.pledger_name)
    grade = rng.choice(GRADES)
    comment = LeaderComment.objects.create(
        pledge=pledge, author_name=reviewer, grade=grade,
        comment="承诺事项具体、可考核，践诺措施有力，群众评价较好。希望继续发挥先锋模范作用。")
    history.append(pledge, LedgerEntry.COMMENT, {"comment": comment.comment, "grade": grade,
                                                 "comment_id": comment.pk}, actor=reviewer)


@transaction.atomic
def load_demo(stdout=None):
    periods = _periods()
    if Pledge.objects.filter(period__in=periods).exists():
        if stdout:
            stdout.write("承诺践诺演示数据已存在，未做改动。")
        return 0
    orgs = {o.slug: o for o in BranchPage.objects.filter(slug__in=BRANCHES)}
    committee = BranchPage.objects.filter(slug="jiguan-dangwei").first()
    approver = f"{committee.secretary.name}（机关党委书记）" if committee and committee.secretary else "机关党委"
    users = {u.username: u for u in get_user_model().objects.filter(username__in=MEMBERS)}
    today = timezone.localdate()
    created = 0
    for period in periods:
        rng = random.Random(f"{period.name}")
        finished = period.end_date < today
        when = timezone.make_aware(dt.datetime.combine(period.publish_start + dt.timedelta(days=10),
                                                        dt.time(9, 30)))
        for slug in BRANCHES:
            org = orgs.get(slug)
            if org is None:
                continue
            secretary = org.secretary.name if org.secretary else "书记"
            pledge = Pledge.objects.create(period=period, kind=ORGANISATION_PLEDGE,
                                           organisation=org)
            items = _item_dicts(ORG_ITEMS, period, 10 + rng.randint(0, 2), rng, secretary)
            _publish(pledge, items, approver, when)
            _progress(pledge, period, rng, finished, today, secretary)
            if finished:
                _review(pledge, rng, approver)
            created += 1
        for username in MEMBERS:
            user = users.get(username)
            org = workflow.people.home_organisation(user) if user else None
            if org is None:
                continue
            pledge = Pledge.objects.create(period=period, kind=MEMBER_PLEDGE, organisation=org,
                                           member=user, created_by=user)
            name = user.get_full_name() or username
            items = _item_dicts(MEMBER_ITEMS, period, 3, rng, name)
            secretary = f"{org.secretary.name}（{org.title}书记）" if org.secretary else "支部书记"
            _publish(pledge, items, secretary, when)
            _progress(pledge, period, rng, finished, today, name)
            if finished:
                _review(pledge, rng, secretary)
            created += 1
    if stdout:
        stdout.write(f"承诺践诺演示数据已载入：{len(periods)}个承诺期，{created}份公开承诺书。")
    return created



