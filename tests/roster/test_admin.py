"""Roster admin screens: a 书记 sees and edits only their organisation's roster; export."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from roster.models import RosterEntry

from .factories import PartyGroupFactory, RosterEntryFactory, secretary_of


@pytest.fixture
def rosters(site_tree):
    group = PartyGroupFactory(organisation=site_tree.branch1, name="第一党小组")
    own = RosterEntryFactory(organisation=site_tree.branch1, name="张晓明", party_group=group,
                             contact="=HYPERLINK(\"x\")")
    other = RosterEntryFactory(organisation=site_tree.branch2, name="李其他")
    return own, other


def test_secretary_sees_only_own_roster(client, site_tree, rosters):
    own, other = rosters
    client.force_login(secretary_of(site_tree.branch1, username="sec1"))
    response = client.get(reverse("roster_entries:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "张晓明" in body and "李其他" not in body
    found = client.get(reverse("roster_entries:index"), {"q": "李"}).content.decode()
    assert "李其他" not in found
    found = client.get(reverse("roster_entries:index"), {"q": "晓明"}).content.decode()
    assert "张晓明" in found
    assert client.get(reverse("roster_entries:edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("roster_entries:edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("roster_entries:delete", args=[other.pk])).status_code == 404
    assert RosterEntry.objects.filter(pk=other.pk).exists()


def test_secretary_cannot_add_to_another_organisation(client, site_tree, rosters):
    client.force_login(secretary_of(site_tree.branch1, username="sec1"))
    response = client.post(reverse("roster_entries:add"), {
        "organisation": site_tree.branch2.pk, "name": "外人", "gender": "male",
        "birth_month": "1980-01-01", "joined_on": "2005-07-01", "status": "full"})
    assert response.status_code == 200  # the form again, with the error
    assert not RosterEntry.objects.filter(name="外人").exists()


def test_admin_form_rejects_future_join_date(client, site_tree, rosters):
    client.force_login(secretary_of(site_tree.branch1, username="sec1"))
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    client.post(reverse("roster_entries:add"), {
        "organisation": site_tree.branch1.pk, "name": "新人", "gender": "male",
        "birth_month": "1980-01-01", "joined_on": future, "status": "full"})
    assert not RosterEntry.objects.filter(name="新人").exists()


def test_user_without_organisation_gets_no_roster(client, site_tree, rosters):
    from .factories import admin_user

    client.force_login(admin_user(username="editor"))
    assert client.get(reverse("roster_entries:index")).status_code in (302, 403)
    assert client.get(reverse("roster:import")).status_code == 404


def test_export_csv_and_xlsx_in_import_columns_and_audited(client, site_tree, rosters):
    client.force_login(secretary_of(site_tree.branch1, username="sec1"))
    url = reverse("roster:export")
    response = client.get(url, {"organisation": site_tree.branch1.pk, "format": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["姓名", "性别", "出生年月", "入党时间", "正式/预备", "所在党小组", "联系方式"]
    assert rows[1] == ["张晓明", "男", "1985-03", "2010-07-01", "正式", "第一党小组",
                       "'=HYPERLINK(\"x\")"]
    response = client.get(url, {"organisation": site_tree.branch1.pk, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[1][0] == "张晓明" and values[1][6] == "=HYPERLINK(\"x\")"
    assert sheet.cell(row=2, column=7).data_type == "s"  # text, never a formula
    assert ModelLogEntry.objects.filter(action="portal.export").count() == 2
    assert client.get(url, {"organisation": site_tree.branch2.pk}).status_code == 404
    assert client.get(url, {"organisation": site_tree.branch1.pk, "format": "pdf"}).status_code == 400
    assert client.get(url, {"organisation": "x"}).status_code == 400


def test_exported_file_imports_back(client, site_tree, rosters):
    """The export's columns are the import's: the file round-trips into another branch."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from roster.importing import check, read_table

    client.force_login(secretary_of(site_tree.branch1, username="sec1"))
    response = client.get(reverse("roster:export"), {"organisation": site_tree.branch1.pk,
                                                     "format": "xlsx"})
    PartyGroupFactory(organisation=site_tree.branch2, name="第一党小组")
    report = check(read_table(SimpleUploadedFile("r.xlsx", response.content)), site_tree.branch2)
    assert report.errors == [] and [r["name"] for r in report.rows] == ["张晓明"]


def test_personal_data_export_lists_linked_entries(site_tree, rosters, member1):
    from audit.personal_data import providers

    own, _ = rosters
    own.user = member1
    own.save()
    provider = next(p for p in providers() if p.label == "roster")
    assert provider.export(member1)[0]["姓名"] == "张晓明"
    assert "解除1条" in provider.erase(member1)
    own.refresh_from_db()
    assert own.user is None


def test_menu_shows_the_roster_to_a_secretary_only(client, site_tree, rosters):
    from .factories import admin_user

    url = reverse("roster_entries:index")  # the menu is JSON in the page: look for its link
    client.force_login(secretary_of(site_tree.branch1, username="sec1"))
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(admin_user(username="editor"))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
