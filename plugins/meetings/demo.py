"""Demo records: a year of organisational life for the demo organisations, with gaps.

Looks organisations up by the slugs of pages/demo/organisations.py and does
nothing when they are missing or already have records, so reruns change nothing.
"""

import datetime as dt
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from roster import api as roster_api

from . import demo_data
from .constants import MEETING_TYPE_LABELS
from .models import FrequencyRule, MeetingAbsence, MeetingRecord, ObserverEvaluation, ObserverGroup
from .roster import display_name, roster
from .versioning import append_version

BRANCH_SLUGS = ["branch-1", "branch-2", "branch-3", "branch-4", "branch-5", "branch-6",
                "treasury-branch", "joint-branch"]
COMMITTEE_SLUG = "jiguan-dangwei"
ROSTER_SIZE = 8


def load_demo(stdout=None):
    from pages.models import BranchPage

    FrequencyRule.objects.ensure_defaults()
    orgs = {p.slug: p for p in BranchPage.objects.filter(slug__in=BRANCH_SLUGS)}
    if not orgs:
        return
    if MeetingRecord.objects.filter(organisation__in=orgs.values()).exists():
        if stdout:
            stdout.write("三会一课：演示记录已存在，未做改动。")
        return
    with transaction.atomic():
        if getattr(settings, "ENABLE_DEMO_ACCOUNTS", False):
            for index, slug in enumerate(BRANCH_SLUGS):
                if slug in orgs:
                    _roster_accounts(orgs[slug], index)
            _committee_roster()
        today = timezone.localdate()
        created = 0
        for slug in BRANCH_SLUGS:
            if slug in orgs:
                created += _year_of_records(orgs[slug], today)
        _observers(orgs, today)
    if stdout:
        stdout.write(f"三会一课：已载入 {created} 条演示会议记录（部分支部有意缺漏，以显示逾期事项）。")


def _roster_accounts(org, index):
    """A handful of member accounts (no usable password) so rosters are not empty; named
    after (and linked to) people on the organisation's 党员名册 where it has one."""
    User = get_user_model()
    org.refresh_from_db()
    group = org.members_group or org.ensure_members_group()
    all_members, _ = Group.objects.get_or_create(name="全体党员")
    have = roster(org).count()
    committee = {m.name for m in org.committee.all()}
    unlinked = [e for e in roster_api.entries(org, subtree=False).filter(user__isnull=True)
                if e.name not in committee]
    for n in range(max(0, ROSTER_SIZE - have)):
        entry = unlinked[n] if n < len(unlinked) else None
        name = entry.name if entry else \
            demo_data.ROSTER_NAMES[(index * 3 + n) % len(demo_data.ROSTER_NAMES)]
        username = f"demo-{org.slug}-{n + 1:02d}"
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": name, "email": f"{username}@example.org"})
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(group, all_members)
        if entry is not None:
            entry.user = user
            entry.save(update_fields=["user"])


def _committee_roster():
    """The 机关党委's own members among the demo accounts (its 书记, 宣传委员 and 纪检委员),
    so they see the dashboard over all organisations."""
    from pages.models import BranchPage

    committee = BranchPage.objects.filter(slug=COMMITTEE_SLUG).first()
    if committee is None:
        return
    group = committee.members_group or committee.ensure_members_group()
    for user in get_user_model().objects.filter(username__in=["approver", "editor", "reviewer"]):
        user.groups.add(group)


def _schedule(slug, year_months):
    """(meeting type, date) pairs for the months given, minus the organisation's gaps."""
    gaps = demo_data.GAPS.get(slug, {})
    rng = random.Random(slug)
    plan = []
    for year, month in year_months:
        for kind, day in (("committee", 6), ("group", 14), ("theme_day", 22)):
            if month not in gaps.get(kind, []):
                plan.append((kind, dt.date(year, month, min(day + rng.randint(-2, 2), 28))))
        quarter = (month - 1) // 3 + 1
        if month % 3 == 2 and quarter not in gaps.get("party_congress_quarters", []):
            plan.append(("party_congress", dt.date(year, month, 18)))
        lecture_months = [3, 6, 9, 11][: gaps.get("lecture_count", 4)]
        if month in lecture_months:
            plan.append(("lecture", dt.date(year, month, 25)))
        if month == 1:
            plan.append(("life_meeting", dt.date(year, 1, 16)))
            plan.append(("appraisal", dt.date(year, 1, 17)))
    return plan


def _months_back(today, count=12):
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return sorted(months)


def _people(org, members, committee, kind):
    """(name, account or None) of everyone the record should account for, so that 实到 plus
    缺席 equals 应到 (plugins/meetings/expected.py): the 支委 for a 支委会, else the core
    roster (accounts matched by link or name), else the member accounts as before."""
    by_name = {display_name(u): u for u in members}
    if kind == "committee" and committee:
        return [(m.name, m.user if m.user_id else by_name.get(m.name)) for m in committee]
    entries = list(roster_api.entries(org, subtree=False).select_related("user"))
    if entries:
        return [(e.name, e.user if e.user_id else by_name.get(e.name)) for e in entries]
    return [(display_name(u), u) for u in members]


def _year_of_records(org, today):
    org.refresh_from_db()
    members = list(roster(org))
    committee = list(org.committee.all())
    secretary = next((m.name for m in committee if m.role == "secretary"), "书记")
    recorder = next((m.name for m in committee if m.role == "organisation"), secretary)
    rng = random.Random(f"{org.slug}-people")
    tz = timezone.get_current_timezone()
    now = timezone.now()
    count = 0
    for n, (kind, day) in enumerate(_schedule(org.slug, _months_back(today))):
        start = dt.datetime.combine(day, dt.time(14 if kind != "theme_day" else 9, 30), tzinfo=tz)
        if start >= now - dt.timedelta(hours=3):
            continue
        topics = demo_data.TOPICS[kind]
        topic = topics[n % len(topics)]
        people = _people(org, members, committee, kind)
        absent = [p for p in people if rng.random() < 0.12]
        present = [p for p in people if p not in absent]
        record = MeetingRecord(
            organisation=org, meeting_type=kind, topic=topic, start=start,
            end=start + dt.timedelta(minutes=90 if kind != "lecture" else 120),
            place=demo_data.PLACES[n % len(demo_data.PLACES)], host=secretary, recorder=recorder,
            attendees_other="、".join(name for name, user in present if user is None)
            if people else "、".join(m.name for m in committee),
            in_attendance="机关党委组织委员张伟" if kind in ("life_meeting", "appraisal") else "",
            content=demo_data.CONTENT.format(host=secretary, topic=topic),
            votes=demo_data.VOTES.format(n=len(present)) if kind in ("party_congress", "committee") else "",
            resolutions=demo_data.RESOLUTIONS,
            created_at=min(start + dt.timedelta(days=1), now),  # 录入时间: the next day
        )
        record.save()
        record.attendees.set([user for _name, user in present if user is not None])
        record.absences = [MeetingAbsence(member=user, name=name,
                                          reason=rng.choice(demo_data.ABSENCE_REASONS))
                           for name, user in absent]
        record.save()
        append_version(record, None, "", at=record.created_at)
        count += 1
    return count


def _observers(orgs, today):
    """Observer groups (机关党委办 + a 支委 of another branch) and a few evaluations."""
    User = get_user_model()
    staff = User.objects.filter(username="editor").first()
    visitor = User.objects.filter(username="secretary1").first()
    second = User.objects.filter(username="reviewer").first()
    if not (staff and visitor and second):
        return
    for slug, org in orgs.items():
        group = ObserverGroup(
            organisation=org, year=today.year, name=f"{today.year}年度{org.title}观察小组",
            note="按年度轮流观摩，被观摩支部提前1周提交组织方案。",
            members=[staff, second if slug == "branch-1" else visitor])
        group.save()  # the group and its two observers in one checked write
        record = (MeetingRecord.objects.filter(organisation=org, meeting_type="theme_day")
                  .in_year(today.year).order_by("-start").first())
        if record is None or slug in ("joint-branch", "branch-5"):
            continue
        ObserverEvaluation.objects.create(
            record=record, group=group, evaluator=staff,
            leadership_score=5 if slug != "branch-3" else 3, leadership_comment="会前方案报送及时，议程安排合理。",
            quality_score=4, quality_comment="主题鲜明，党员发言联系实际。",
            effect_score=4 if slug != "branch-3" else 3, effect_comment="党员普遍反映有收获。",
            strengths=f"{MEETING_TYPE_LABELS[record.meeting_type]}组织规范庄重。",
            shortcomings="个别党员发言准备不够充分。",
            suggestions="会前下发学习材料，提高交流研讨质量。")
