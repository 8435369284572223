"""Index (public counts), the 机关党委 overview and one organisation's dashboard."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from caching.generation import cached

from .. import scope
from ..compliance import (
    OVERDUE,
    compliance_for,
    latest_items,
    org_refs,
    totals,
    tracked,
)
from ..constants import TRACKED_ORG_TYPES
from ..evaluations import recent_feedback, summaries
from ..models import FrequencyRule, MeetingRecord, ObserverGroup
from ..public import summary_counts
from .common import NOT_FOUND, deny, get_organisation, year_choices, year_from


def index(request):
    year = timezone.localdate().year
    context = {"year": year, "counts": summary_counts(year),
               "rules": FrequencyRule.objects.active_rules()}
    context["total"] = sum(n for _, n in context["counts"])
    user = request.user
    if user.is_authenticated:
        own_paths = scope.own_organisation_paths(user)
        visible = scope.visible_organisations(user)
        context["own_organisations"] = list(visible.filter(path__in=own_paths).order_by("path"))
        context["enterable"] = list(scope.enterable_organisations(user).order_by("path")[:50])
        context["sees_many"] = tracked(visible).count() > 1
        context["observed"] = list(ObserverGroup.objects.filter(members=user, year=year)
                                   .select_related("organisation"))
    return render(request, "meetings/index.html", context)


@login_required
def overview(request):
    """The 机关党委 dashboard: every organisation the user may see, for one year."""
    year = year_from(request)
    organisations = org_refs(tracked(scope.visible_organisations(request.user)))
    if not organisations:
        return deny(request, "您没有可查看的党组织会议记录。")
    today = timezone.localdate()
    # Read far more often than records are entered; every write of a record, rule, observer
    # group, evaluation or organisation, and every recount, moves the generation on.
    context = cached("meetings:overview", (year, today, [o.pk for o in organisations]),
                     lambda: overview_context(organisations, year, today))
    return render(request, "meetings/overview.html",
                  {**context, "year": year, "years": year_choices(year)})


def _link(year):
    return reverse("meetings:organisation", args=[0])[:-2] + "{}/?year=" + str(year)


def overview_context(organisations, year, today):
    """Everything the overview shows, as plain picklable values."""
    results = compliance_for(organisations, year, today)
    observer = summaries([o.pk for o in organisations], year)
    link = _link(year)
    rows = [_overview_row(r, observer.get(r.organisation.pk), link) for r in results]
    overdue, overdue_count = latest_items(results, OVERDUE, 30)
    return {
        "rows": rows, "totals": totals(results),
        "overdue": [{"url": link.format(item.organisation.pk), "item": item} for item in overdue],
        "overdue_count": overdue_count,
        "rule_labels": [rule.label for rule in results[0].rules] if results else [],
    }


def _overview_row(result, observer, link):
    """Plain values for one table row (kept in the cache with the overview)."""
    return {
        "title": result.organisation.title,
        "url": link.format(result.organisation.pk),
        "held": [rule.held for rule in result.rules],
        "percent": result.percent,
        "overdue": result.overdue_count,
        "due": result.due_count,
        "observer": f"{observer.overall}分（{observer.evaluations}份）" if observer else "",
    }


@login_required
def organisation(request, org_id):
    org = get_organisation(org_id)
    year = year_from(request)
    user = request.user
    if not scope.can_view_organisation(user, org):
        observed = (org.pk, year) in set(scope.observed_pairs(user))
        if not observed:
            raise Http404(NOT_FOUND)
    today = timezone.localdate()
    result = compliance_for([org], year, today)[0]
    records = (scope.visible_records(user, MeetingRecord.objects.in_year(year))
               .filter(organisation=org).order_by("-start"))
    sub_orgs = org_refs(tracked(scope.visible_organisations(user).descendant_of(org)))
    sub = None
    if sub_orgs:
        sub = cached("meetings:suborganisations", (org.pk, year, today, [o.pk for o in sub_orgs]),
                     lambda: sub_context(sub_orgs, year, today))
    return render(request, "meetings/organisation.html", {
        "org": org, "year": year, "years": year_choices(year), "result": result,
        "tracked": org.org_type in TRACKED_ORG_TYPES,
        "records": records.prefetch_related("attendees", "absences"),
        "sub": sub,
        "observer": summaries([org.pk], year).get(org.pk),
        "feedback": recent_feedback(org, year),
        "observer_groups": list(org.observer_groups.filter(year=year)
                                .prefetch_related("members")),
        "can_enter": scope.can_enter(user, org),
        "months": range(1, 13),
    })


def sub_context(organisations, year, today):
    """The table of the organisations below one (a 党委's or 党总支's page), as plain values."""
    results = compliance_for(organisations, year, today)
    link = _link(year)
    rows = [{"title": r.organisation.title, "url": link.format(r.organisation.pk),
             "held_total": r.held_total, "percent": r.percent, "overdue": r.overdue_count,
             "due": r.due_count} for r in results]
    return {"rows": rows, "totals": totals(results)}
