"""Wagtail's own admin exports (reports, redirects) write formula-looking text as text.

A page titled =HYPERLINK(...) and an editor named @SUM(1+1) go through every report that
can show them, as CSV and as XLSX; and every admin address that can export answers with a
formula-safe view (audit/admin_exports.py), so a report Wagtail adds later is caught here.
"""

import csv
import io
import re
import zipfile

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from audit.spreadsheets import SafeSpreadsheetExportMixin
from portal.spreadsheets import FORMULA_STARTS
from tests.factories import NoticePageFactory, UserFactory

TITLE = '=HYPERLINK("http://x","y")'
USERNAME = "@SUM(1+1)"


@pytest.fixture
def evil(site_tree, admin_user):
    """A page with a formula for a title, edited, published, locked and sent into a
    workflow by a user whose name is a formula; a redirect to a formula."""
    user = UserFactory(username=USERNAME, is_staff=True, is_superuser=True)
    page = NoticePageFactory(parent=site_tree.notices, title=TITLE, slug="evil")
    page.save_revision(user=user, log_action=True).publish(user=user)
    page.refresh_from_db()
    workflow = Workflow.objects.create(name="-审核")
    task = GroupApprovalTask.objects.create(name="+保密审查")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    page.save_revision(user=user)
    workflow.start(page, user)
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    Redirect.objects.create(old_path="/old", redirect_link="=1+1")
    return page


REPORTS = [  # URL name, the values that report must carry
    ("wagtailadmin_reports:locked_pages", [TITLE, USERNAME]),
    ("wagtailadmin_reports:site_history", [TITLE, USERNAME]),
    ("wagtailadmin_reports:aging_pages", [TITLE, USERNAME]),
    ("wagtailadmin_reports:workflow", [TITLE, USERNAME, "-审核"]),
    ("wagtailadmin_reports:workflow_tasks", [TITLE, USERNAME, "+保密审查"]),
    ("wagtailredirects:index", ["=1+1"]),
]


def csv_cells(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    return [cell for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for cell in row]


def xlsx_cells(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]


@pytest.mark.parametrize("url_name, values", REPORTS)
def test_csv_export_quotes_formulas(admin_client, evil, url_name, values):
    response = admin_client.get(reverse(url_name), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    cells = csv_cells(response)
    for value in values:
        assert "'" + value in cells, value
        assert value not in cells, value
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("url_name, values", REPORTS)
def test_xlsx_export_writes_formulas_as_quoted_text(admin_client, evil, url_name, values):
    response = admin_client.get(reverse(url_name), {"export": "xlsx"})
    assert response.status_code == 200
    cells = xlsx_cells(b"".join(response.streaming_content))
    by_value = {cell.value: cell for cell in cells}
    for value in values:
        assert by_value[value].data_type == "s", value
    risky = [cell for cell in cells if cell.value.startswith(FORMULA_STARTS)]
    assert risky and all(cell.data_type == "s" and cell.quotePrefix for cell in risky)


def test_results_address_exports_safely_too(admin_client, evil):
    response = admin_client.get(reverse("wagtailadmin_reports:locked_pages_results"),
                                {"export": "csv"})
    assert "'" + TITLE in csv_cells(response)


def test_wagtail_alone_leaves_the_formula_in_csv(rf, admin_user, evil):
    """Why the override exists: Wagtail 7.4's own view writes the cell as typed. If this
    fails after an upgrade, Wagtail escapes by itself and audit/admin_exports.py can go."""
    request = rf.get("/admin/reports/locked/", {"export": "csv"})
    request.user = admin_user
    response = LockedPagesView.as_view()(request)
    raw = b"".join(response.streaming_content).decode("utf-8")
    assert TITLE in [cell for row in csv.reader(io.StringIO(raw)) for cell in row]


def test_exports_still_need_admin_access(client, evil):
    response = client.get(reverse("wagtailadmin_reports:locked_pages"), {"export": "csv"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(UserFactory(username="member-only"))
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert response.status_code in (302, 403)


SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def export_views(patterns, prefix=""):
    """(address, view class) of every class-based view that exports a spreadsheet."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from export_views(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if not (view_class and issubclass(view_class, SpreadsheetExportMixin)):
                continue
            # A listing exports the columns of list_export (a viewset passes it in);
            # without any, its export is an empty sheet.
            initkwargs = getattr(pattern.callback, "view_initkwargs", {})
            if initkwargs.get("list_export") or view_class.list_export:
                address = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m[1] or "str"], route)
                yield "/" + address.lstrip("^").rstrip("$"), view_class


def test_every_admin_export_is_formula_safe(db):
    found = list(export_views(get_resolver().url_patterns))
    addresses = {address for address, _ in found}
    assert "/admin/reports/locked/" in addresses and "/admin/redirects/" in addresses
    unsafe = sorted(address for address, _ in found
                    if not issubclass(resolve(address).func.view_class,
                                      SafeSpreadsheetExportMixin))
    assert unsafe == [], "admin exports without formula escaping (audit/admin_exports.py)"


@pytest.mark.parametrize("url_name, values", REPORTS)
def test_each_download_is_recorded_in_the_audit_log(admin_client, evil, url_name, values):
    from wagtail.models import ModelLogEntry

    from audit import constants as c

    before = ModelLogEntry.objects.filter(action=c.EXPORT).count()
    admin_client.get(reverse(url_name))  # the listing itself is not an export
    assert ModelLogEntry.objects.filter(action=c.EXPORT).count() == before
    b"".join(admin_client.get(reverse(url_name), {"export": "xlsx"}).streaming_content)
    entries = ModelLogEntry.objects.filter(action=c.EXPORT)
    assert entries.count() == before + 1
    assert "xlsx" in str(entries.latest("timestamp").data)
