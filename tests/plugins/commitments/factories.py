"""Factories for the 承诺践诺 plugin's models."""

import datetime as dt

import factory
from django.utils import timezone

from pages.models import BranchCommitteeMember
from plugins.commitments import history, workflow
from plugins.commitments.choices import (
    APPROVED,
    MEMBER_PLEDGE,
    ORGANISATION_PLEDGE,
    SERVICE,
)
from plugins.commitments.models import CommitmentItem, LedgerEntry, Period, Pledge, PledgeRevision
from plugins.commitments.models.periods import default_report_due, half_year_bounds


def current_half(today=None):
    today = today or timezone.localdate()
    return today.year, 1 if today.month <= 6 else 2


class PeriodFactory(factory.django.DjangoModelFactory):
    """The half-year containing today, open for new 承诺书 for its whole length."""

    class Meta:
        model = Period
        django_get_or_create = ("year", "half")

    year = factory.LazyFunction(lambda: current_half()[0])
    half = factory.LazyFunction(lambda: current_half()[1])
    name = factory.LazyAttribute(lambda o: f"{o.year}年{'上' if o.half == 1 else '下'}半年")
    start_date = factory.LazyAttribute(lambda o: half_year_bounds(o.year, o.half)[0])
    end_date = factory.LazyAttribute(lambda o: half_year_bounds(o.year, o.half)[1])
    publish_start = factory.LazyAttribute(lambda o: o.start_date)
    publish_end = factory.LazyAttribute(lambda o: o.end_date)
    report_due = factory.LazyAttribute(lambda o: default_report_due(o.year, o.half))


def previous_period():
    year, half = current_half()
    year, half = (year, 1) if half == 2 else (year - 1, 2)
    return PeriodFactory(year=year, half=half)


def item_data(period, n=3, **overrides):
    """Item dicts as the drafting form produces them."""
    rows = []
    for i in range(n):
        row = {"content": f"为群众办实事第{i + 1}项", "category": SERVICE,
               "measures": "设立党员示范岗，首问负责", "deadline": period.end_date.isoformat(),
               "responsible": "张三", "weight": i + 1}
        row.update(overrides)
        rows.append(row)
    return rows


def make_secretary(branch, user, role="secretary"):
    """Link `user` as 书记 (or another role) of `branch`."""
    return BranchCommitteeMember.objects.create(branch=branch, name=user.first_name or user.username,
                                                role=role, user=user)


def publish(pledge, items, actor="测试审定人"):
    """Publish a 承诺书 directly (as the demo loader does), with its approval in the ledger."""
    latest = pledge.revisions.order_by("-number").first()
    number = latest.number + 1 if latest else 1
    revision = PledgeRevision.objects.create(pledge=pledge, number=number, state=APPROVED,
                                             items=items, scope=pledge.scope)
    workflow._apply(revision)
    now = timezone.now()
    Pledge.objects.filter(pk=pledge.pk).update(state=APPROVED, published_revision=number,
                                               published_at=now)
    pledge.refresh_from_db()
    history.append(pledge, LedgerEntry.APPROVAL, {
        "revision": number, "items": len(items), "withdrawn": [], "scope": pledge.scope,
        "note": ""}, actor=actor)
    return pledge


def published_pledge(organisation, period=None, member=None, n=3, scope="public", **item_overrides):
    period = period or PeriodFactory()
    kind = MEMBER_PLEDGE if member else ORGANISATION_PLEDGE
    pledge = Pledge.objects.create(period=period, kind=kind, organisation=organisation,
                                   member=member, scope=scope)
    return publish(pledge, item_data(period, n, **item_overrides))


def overdue_item(pledge, days=3):
    """Move one item's 完成时限 into the past (inside its period when possible)."""
    item = pledge.items.first()
    item.deadline = max(pledge.period.start_date, timezone.localdate() - dt.timedelta(days=days))
    CommitmentItem.objects.filter(pk=item.pk).update(deadline=item.deadline)
    return item


def assessment_period():
    """A period ending in ten days, so 自评 and 点评 are open today."""
    today = timezone.localdate()
    start, end = today - dt.timedelta(days=150), today + dt.timedelta(days=10)
    return PeriodFactory(year=today.year + 50, half=1, name="测试点评期", start_date=start,
                         end_date=end, publish_start=start, publish_end=end,
                         report_due=end + dt.timedelta(days=15))
