"""Dashboards, the XLSX export, the reminder command, the home panel and the demo loader."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plugins.meetings.compliance import compliance_for
from plugins.meetings.models import MeetingRecord, ObserverEvaluation, ObserverGroup
from tests.factories import UserFactory

from .conftest import at, make_record


def _kpi(body, testid):
    marker = f'data-testid="{testid}">'
    start = body.index(marker) + len(marker)
    return body[start:body.index("<", start)]


def test_organisation_dashboard_changes_when_a_record_is_added(client, site_tree, member1):
    client.force_login(member1)
    url = reverse("meetings:organisation", args=[site_tree.branch1.pk])
    year = timezone.localdate().year
    last_year = year - 1
    before = client.get(url, {"year": last_year}).content.decode()
    assert _kpi(before, "org-held") == "0"
    assert _kpi(before, "org-percent") == "0.0%"
    overdue_before = int(_kpi(before, "org-overdue"))
    assert overdue_before == 12 + 4 + 12 + 1 + 1 + 12 + 1  # every period of a past year
    make_record(site_tree.branch1, "committee", at(last_year, 3, 6))
    after = client.get(url, {"year": last_year}).content.decode()
    assert _kpi(after, "org-held") == "1"
    assert int(_kpi(after, "org-overdue")) == overdue_before - 1
    assert "mtg-cell--met" in after


def test_committee_dashboard_shows_its_branches(client, site_tree, committee_member):
    client.force_login(committee_member)
    cached = client.get(reverse("meetings:overview"), {"year": 2025}).content.decode()
    assert _kpi(cached, "overdue-total") == str(2 * 43)
    make_record(site_tree.branch2, "committee", at(2025, 2, 6))  # invalidates the cached page
    page = client.get(reverse("meetings:organisation", args=[site_tree.committee.pk]),
                      {"year": 2025}).content.decode()
    assert "下属党组织（2个" in page
    overview = client.get(reverse("meetings:overview"), {"year": 2025}).content.decode()
    assert _kpi(overview, "overdue-total") == str(2 * 43 - 1)
    assert "第二党支部：2月支委会" not in overview


def test_bad_year_parameter_falls_back_to_this_year(client, site_tree, member1):
    client.force_login(member1)
    page = client.get(reverse("meetings:overview"), {"year": "abc"}).content.decode()
    assert f"{timezone.localdate().year}年“三会一课”合规看板" in page


def test_observer_summary_per_organisation(client, site_tree, member1):
    record = make_record(site_tree.branch1, "theme_day", at(2025, 5, 20))
    observers = {name: UserFactory(username=name) for name in ("obs-a", "obs-b")}
    group = ObserverGroup.objects.create(organisation=site_tree.branch1, year=2025,
                                         members=list(observers.values()))
    for name, scores in (("obs-a", (5, 4, 3)), ("obs-b", (3, 4, 5))):
        user = observers[name]
        ObserverEvaluation.objects.create(record=record, group=group, evaluator=user,
                                          leadership_score=scores[0], quality_score=scores[1],
                                          effect_score=scores[2], suggestions="加强会前学习。")
    from plugins.meetings.evaluations import summaries

    summary = summaries([site_tree.branch1.pk], 2025)[site_tree.branch1.pk]
    assert (summary.evaluations, summary.meetings) == (2, 1)
    assert (summary.leadership, summary.quality, summary.effect, summary.overall) == (4, 4, 4, 4)
    client.force_login(member1)
    page = client.get(reverse("meetings:organisation", args=[site_tree.branch1.pk]),
                      {"year": 2025}).content.decode()
    assert "加强会前学习" in page


def test_xlsx_export(client, site_tree, committee_member):
    make_record(site_tree.branch1, "committee", at(2025, 1, 6), topic="研究一月工作")
    make_record(site_tree.branch1, "lecture", at(2025, 3, 6))
    client.force_login(committee_member)
    response = client.get(reverse("meetings:export"), {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["按期开展情况", "逾期事项", "会议明细", "台账校验"]
    rows = list(book["按期开展情况"].iter_rows(values_only=True))
    header = rows[2]
    first = next(r for r in rows if r[0] == "第一党支部")
    assert first[header.index("支委会（实开/应开）")] == "1/12"
    assert first[header.index("党课（实开/应开）")] == "1/4"
    details = list(book["会议明细"].iter_rows(values_only=True))
    assert any(r[5] == "研究一月工作" for r in details)
    only_branch2 = client.get(reverse("meetings:export"),
                              {"year": 2025, "org": site_tree.branch2.pk})
    names = [r[0] for r in load_workbook(io.BytesIO(only_branch2.content))["按期开展情况"]
             .iter_rows(values_only=True)]
    assert "第二党支部" in names and "第一党支部" not in names


def test_member_export_is_limited_to_their_organisation(client, site_tree, member1):
    make_record(site_tree.branch2, "committee", at(2025, 1, 6), topic="第二支部的会")
    client.force_login(member1)
    book = load_workbook(io.BytesIO(client.get(reverse("meetings:export"), {"year": 2025}).content))
    text = str([list(s.iter_rows(values_only=True)) for s in book])
    assert "第二支部的会" not in text and "第二党支部" not in text


def test_reminder_command(site_tree, secretary):
    secretary.email = "zhao@example.org"
    secretary.save()
    from django.core import mail

    make_record(site_tree.branch1, "committee", at(2025, 3, 6))
    out = io.StringIO()
    call_command("meeting_reminders", "--date", "2025-03-20", "--send", stdout=out)
    text = out.getvalue()
    assert "第一党支部：" in text and "第二党支部：" in text
    assert "逾期：支委会（1月" in text
    assert "待开：支部党员大会（第一季度" in text
    branch1 = text.split("第二党支部：")[0]
    assert "支委会（3月" not in branch1  # held
    assert "待开：支委会（3月" in text.split("第二党支部：")[1]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhao@example.org"]
    assert "三会一课提醒" in mail.outbox[0].subject
    within = io.StringIO()
    call_command("meeting_reminders", "--date", "2025-03-20", "--within", "5", stdout=within)
    assert "待开：党课" not in within.getvalue()  # the year ends long after five days


def test_home_panel_and_index_counts(client, site_tree):
    make_record(site_tree.branch1, "lecture")
    make_record(site_tree.branch2, "lecture", timezone.now() - dt.timedelta(days=3))
    voided = make_record(site_tree.branch2, "group")
    MeetingRecord.objects.filter(pk=voided.pk).update(voided=True)
    from plugins.meetings.public import summary_counts

    counts = dict(summary_counts())
    if timezone.localdate().month == 1 and timezone.localdate().day < 4:
        pytest.skip("records made a few days ago may fall in last year")
    assert counts["党课"] == 2 and counts["党小组会"] == 0
    home = client.get("/").content.decode()
    assert "“三会一课”开展情况" in home


def test_demo_loader_creates_a_year_with_gaps(site_tree, settings):
    from plugins.meetings.demo import load_demo

    settings.ENABLE_DEMO_ACCOUNTS = True
    out = io.StringIO()
    load_demo(out)
    assert "演示会议记录" in out.getvalue()
    records = MeetingRecord.objects.filter(organisation=site_tree.branch1)
    assert records.count() > 30
    assert all(r.start < timezone.now() for r in records)
    today = timezone.localdate()
    results = compliance_for([site_tree.branch1, site_tree.branch2], today.year)
    assert all(r.held_total > 0 for r in results)
    from integrity.chain import verify_source
    from plugins.meetings import sealing

    from .conftest import record_problems

    assert record_problems() == []
    assert verify_source(sealing.SOURCE) == []  # every demo record and evaluation is sealed
    load_demo(io.StringIO())  # a rerun changes nothing
    assert MeetingRecord.objects.filter(organisation=site_tree.branch1).count() == records.count()


def test_admin_screens_render(client, site_tree, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x-Password-123")
    record = make_record(site_tree.branch1, "committee")
    client.force_login(admin)
    for name in ("meeting_records:index", "meeting_records:add", "meeting_rules:index",
                 "observer_groups:add", "observer_evaluations:index"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("meeting_records:edit", args=[record.pk])).status_code == 200
    response = client.get(reverse("meeting_records:delete", args=[record.pk]))
    assert response.status_code == 302
    assert MeetingRecord.objects.filter(pk=record.pk).exists()


def _admin_form(data):
    from wagtail.test.utils.form_data import nested_form_data

    lists = {k: v for k, v in data.items() if isinstance(v, list)}
    form = nested_form_data({k: v for k, v in data.items() if k not in lists})
    form.update(lists)
    return form


def test_admin_create_and_locked_edit_keep_the_chain(client, site_tree, django_user_model,
                                                     secretary):
    from wagtail.test.utils.form_data import inline_formset

    from .conftest import record_problems

    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x-Password-123")
    client.force_login(admin)
    start = timezone.localtime() - dt.timedelta(days=3)
    data = {
        "organisation": site_tree.branch1.pk, "meeting_type": "lecture", "topic": "书记讲党课",
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "place": "党员活动室", "host": "赵志刚", "recorder": "孙丽", "attendees": [secretary.pk],
        "attendees_other": "", "in_attendance": "", "content": "讲授党课。", "votes": "",
        "resolutions": "", "amend_reason": "",
        "absences": inline_formset([{"name": "钱晓峰", "reason": "出差"}]),
        "attachments": inline_formset([]),
    }
    response = client.post(reverse("meeting_records:add"), _admin_form(data))
    assert response.status_code == 302, response.content.decode()[-3000:]
    record = MeetingRecord.objects.get()
    assert record.created_by == admin and record.absences.get().reason == "出差"
    assert list(record.attendees.all()) == [secretary]
    assert record.version_count == 1

    MeetingRecord.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - dt.timedelta(days=30))
    absence = record.absences.get()
    edit = dict(data, topic="书记讲党课（更正）",
                absences=inline_formset([{"id": absence.pk, "name": "钱晓峰", "reason": "出差"}],
                                        initial=1))
    url = reverse("meeting_records:edit", args=[record.pk])
    refused = client.post(url, _admin_form(edit))
    assert refused.status_code == 200
    assert "修改须填写修改原因" in refused.content.decode()
    edit["amend_reason"] = "主题漏写“更正”"
    assert client.post(url, _admin_form(edit)).status_code == 302
    record.refresh_from_db()
    assert record.topic == "书记讲党课（更正）" and record.version_count == 2
    assert record_problems() == []
    from integrity.chain import verify_source
    from plugins.meetings import sealing

    assert verify_source(sealing.SOURCE) == []  # an amendment in the admin is sealed too


def test_observer_group_needs_two_observers(client, site_tree, django_user_model, member1,
                                            member2):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x-Password-123")
    client.force_login(admin)
    url = reverse("observer_groups:add")
    data = {"organisation": site_tree.branch1.pk, "year": 2025, "name": "", "note": "",
            "members": [member2.pk]}
    refused = client.post(url, data)
    assert "观察小组至少由2名观察员组成" in refused.content.decode(), refused.context["form"].errors
    insiders = client.post(url, dict(data, members=[member1.pk, member_of_branch1(site_tree).pk]))
    assert "不能全部来自被观摩的党组织" in insiders.content.decode()
    assert ObserverGroup.objects.count() == 0
    assert client.post(url, dict(data, members=[member1.pk, member2.pk])).status_code == 302
    assert ObserverGroup.objects.get().members.count() == 2


def member_of_branch1(site_tree):
    from tests.factories import member_of

    return member_of(site_tree.branch1, username="b1-extra")
