"""XLSX exports write text that looks like a formula (= + - @) as text, never a formula."""

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from portal.spreadsheets import safe_row
from tests.factories import UserFactory

EVIL = ['=HYPERLINK("http://evil.example/","点击")', "+1+1", "-2+3", "@SUM(A1:A9)", "=1+1"]


def _no_formulas(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def _texts(content):
    book = load_workbook(io.BytesIO(content))
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found[cell.value] = cell
    return found


def test_safe_row_keeps_numbers_dates_and_plain_text():
    ws = Workbook(write_only=True).create_sheet("x")
    row = safe_row(ws, [1, -2, "承诺", "=1+1", None, dt.date(2026, 1, 1)])
    assert row[0] == 1 and row[1] == -2 and row[2] == "承诺" and row[4] is None
    assert row[3].data_type == "s" and row[3].value == "=1+1" and row[3].quotePrefix


@pytest.mark.requires_plugin("commitments")
def test_commitments_export(client, site_tree):
    from tests.plugins.commitments.factories import published_pledge

    published_pledge(site_tree.branch1, n=1, content=EVIL[0], measures=EVIL[1],
                     responsible=EVIL[3])
    content = b"".join(client.get(reverse("commitments:export")).streaming_content)
    _no_formulas(content)
    cells = _texts(content)
    for text in (EVIL[0], EVIL[1], EVIL[3]):
        assert cells[text].data_type == "s", text


@pytest.mark.requires_plugin("meetings")
def test_meetings_export(client, site_tree):
    from tests.plugins.meetings.conftest import make_record

    record = make_record(site_tree.branch1, topic=EVIL[0])
    type(record).objects.filter(pk=record.pk).update(host=EVIL[2], recorder=EVIL[3],
                                                     place=EVIL[4])
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    content = client.get(reverse("meetings:export"), {"year": record.start.year}).content
    _no_formulas(content)
    cells = _texts(content)
    for text in (EVIL[0], EVIL[2], EVIL[3], EVIL[4]):
        assert cells[text].data_type == "s", text


@pytest.mark.requires_plugin("reviews")
def test_reviews_export(admin_client, site_tree):
    from plugins.reviews.models import Rectification
    from tests.plugins.reviews.helpers import closed_campaign

    campaign = closed_campaign(site_tree)
    Rectification.objects.create(campaign=campaign, target=campaign.targets.first(),
                                 problem=EVIL[0], measure=EVIL[1], responsible=EVIL[3],
                                 deadline=dt.date(2026, 12, 31), progress=EVIL[2])
    content = admin_client.get(
        f"/admin/reviews/campaigns/statistics/{campaign.pk}/export.xlsx").content
    _no_formulas(content)
    cells = _texts(content)
    for text in EVIL[:4]:
        assert cells[text].data_type == "s", text
