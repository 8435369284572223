"""台账 XLSX: export for any filter, the import template, and all-or-nothing import."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from plugins.commitments.models import CommitmentItem, LedgerEntry, Pledge
from plugins.commitments.xlsx_export import EXPORT_COLUMNS, TEMPLATE_COLUMNS
from plugins.commitments.xlsx_import import import_ledger

from .factories import published_pledge


def read(response):
    data = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(data)).active


def test_export_has_annex_three_columns_and_honours_filter_and_scope(client, site_tree, member1,
                                                                     period):
    published_pledge(site_tree.branch1, period, n=3, content="公开事项")
    published_pledge(site_tree.branch2, period, n=2, scope="party", content="党内事项")
    response = client.get(reverse("commitments:export"))
    assert response["Content-Disposition"].startswith("attachment")
    sheet = read(response)
    header = [c.value for c in sheet[2]]
    assert header == EXPORT_COLUMNS
    for name in ("承诺事项", "承诺单位/承诺人", "践诺措施", "完成时限", "状态", "进度（%）", "点评"):
        assert name in header
    data = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(data) == 3 and all(r[2] == "公开事项" for r in data)
    assert data[0][3] == "第一党支部" and data[0][9] == "未开始"

    client.force_login(member1)
    sheet = read(client.get(reverse("commitments:export"), {"organisation": site_tree.branch2.pk}))
    assert [r[2] for r in sheet.iter_rows(min_row=3, values_only=True)] == ["党内事项"] * 2


def test_template_download(client):
    sheet = read(client.get(reverse("commitments:import_template")))
    assert [c.value for c in sheet[1]] == TEMPLATE_COLUMNS


def workbook(rows, header=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(header or TEMPLATE_COLUMNS)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("台账.xlsx", out.getvalue())


@pytest.fixture
def importer(db, django_user_model):
    return django_user_model.objects.create_superuser("importer", "i@example.org", "x" * 12)


def test_valid_import_publishes_items_with_history(site_tree, member1, period, importer):
    deadline = period.end_date
    upload = workbook([
        ["办好民生实事", "第一党支部", "结对帮扶", deadline, "实事承诺", "赵志刚", 2],
        ["热情服务群众", "member1", "首问负责", deadline.isoformat(), "服务承诺", "", ""],
        ["第二件实事", "第一党支部", "走访", deadline.strftime("%Y年%m月%d日"), "", "", ""],
    ])
    result = import_ledger(upload, period, importer)
    assert result.ok, result.errors
    assert result.created_items == 3 and result.pledges == 2
    org = Pledge.objects.get(kind="organisation")
    assert org.is_published and org.items.count() == 2
    assert Pledge.objects.get(kind="member").member == member1
    assert LedgerEntry.objects.filter(kind=LedgerEntry.IMPORT).count() == 2


def test_every_error_is_reported_by_row_and_nothing_is_imported(site_tree, member1, period,
                                                                 importer):
    deadline = period.end_date
    outside = period.start_date.replace(year=period.start_date.year - 1)
    upload = workbook([
        ["办好民生实事", "第一党支部", "结对帮扶", deadline, "实事承诺", "", 1],  # fine
        ["", "不存在的支部", "", "明天", "其他承诺", "", 500],
        ["超期事项", "第一党支部", "措施", outside, "", "", ""],
    ])
    result = import_ledger(upload, period, importer)
    assert not result.ok
    by_row = {}
    for row, message in result.errors:
        by_row.setdefault(row, []).append(message)
    assert set(by_row) == {3, 4}
    assert len(by_row[3]) == 6  # 事项, 单位, 措施, 日期, 类别, 权重
    assert any("找不到党组织或党员" in m for m in by_row[3])
    assert any("不在" in m for m in by_row[4])
    assert not CommitmentItem.objects.exists() and not Pledge.objects.exists()


def test_wrong_columns_and_malformed_files(site_tree, period, importer):
    result = import_ledger(workbook([["a", "b"]], header=["事项", "单位", "备注"]), period, importer)
    assert any("缺少必填列" in m for _, m in result.errors)
    assert any("无法识别的列" in m for _, m in result.errors)
    result = import_ledger(SimpleUploadedFile("台账.xlsx", b"this is not a zip"), period, importer)
    assert result.errors == [(None, "文件无法读取，不是有效的 .xlsx 台账文件。请下载导入模板填写后上传。")]
    result = import_ledger(workbook([]), period, importer)
    assert "没有数据行" in result.errors[0][1]
    assert not Pledge.objects.exists()


def test_an_exported_file_is_accepted_by_the_importer(client, site_tree, period, importer):
    published_pledge(site_tree.branch1, period, n=2)
    data = b"".join(client.get(reverse("commitments:export")).streaming_content)
    result = import_ledger(SimpleUploadedFile("导出.xlsx", data), period, importer)
    assert result.ok, result.errors
    assert result.created_items == 2


def test_import_page_permission_and_report(client, site_tree, member1, period, importer):
    client.force_login(member1)
    response = client.get(reverse("commitments:import"))
    assert response.status_code == 403 and "导入" in response.content.decode()
    client.force_login(importer)
    upload = workbook([["", "第一党支部", "措施", period.end_date, "", "", ""]])
    response = client.post(reverse("commitments:import"),
                           {"period": period.pk, "scope": "public", "file": upload})
    html = response.content.decode()
    assert "第2行" in html and "承诺事项不能为空" in html and "未导入任何数据" in html
    response = client.post(reverse("commitments:import"), {
        "period": period.pk, "scope": "public",
        "file": SimpleUploadedFile("台账.csv", b"a,b")})
    assert ".xlsx" in response.content.decode()
