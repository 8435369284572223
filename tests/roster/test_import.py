"""Roster import: every bad-row kind, encodings, all-or-nothing, status codes."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from roster.importing import ImportFileError, check, read_table
from roster.models import RosterEntry, RosterImport

from .factories import PartyGroupFactory, RosterEntryFactory, secretary_of

HEADER = "姓名,性别,出生年月,入党时间,正式/预备,所在党小组,联系方式"
GOOD = "张晓明,男,1985-03,2010-07-01,正式,第一党小组,13800000000"


def csv_file(text, encoding="utf-8", name="roster.csv"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="roster.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


@pytest.fixture
def branch(site_tree):
    PartyGroupFactory(organisation=site_tree.branch1, name="第一党小组")
    PartyGroupFactory(organisation=site_tree.branch1, name="第二党小组")
    return site_tree.branch1


def report_for(text, branch, **kwargs):
    return check(read_table(csv_file(text, **kwargs)), branch)


# -- reading ------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_encodings(branch, encoding):
    report = report_for(f"{HEADER}\n{GOOD}\n", branch, encoding=encoding)
    assert report.errors == []
    assert report.rows[0]["name"] == "张晓明"
    assert report.rows[0]["party_group"] is not None


def test_xlsx_with_real_dates(branch):
    upload = xlsx_file([HEADER.split(","),
                        ["李红", "女", datetime.datetime(1990, 5, 17), datetime.datetime(2015, 6, 30),
                         "预备党员", "第二党小组", None]])
    report = check(read_table(upload), branch)
    assert report.errors == []
    row = report.rows[0]
    assert (row["birth_month"], row["joined_on"], row["status"]) == ("1990-05-01", "2015-06-30",
                                                                      "probationary")


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("a.xlsx", b"PK\x03\x04 not really a zip"), "无法读取该 XLSX 文件"),
    (SimpleUploadedFile("a.pdf", b"%PDF-1.4"), "只支持 .xlsx 和 .csv"),
    (SimpleUploadedFile("a.csv", b"   \n"), "文件是空的"),
    (SimpleUploadedFile("a.csv", "姓名,性别\n张三,男\n".encode()), "缺少必需的列：出生年月、入党时间、正式/预备、所在党小组"),
    (SimpleUploadedFile("a.csv", f"{HEADER}\n".encode()), "没有党员数据"),
    (SimpleUploadedFile("a.csv", b"\xff\xfe\x00a\x00b\x00"), "无法识别文件编码"),
])
def test_malformed_files(branch, upload, message):
    with pytest.raises(ImportFileError) as caught:
        check(read_table(upload), branch)
    assert message in str(caught.value)


# -- bad rows ---------------------------------------------------------------------------
def test_each_bad_row_kind_is_reported_by_line(branch):
    RosterEntryFactory(organisation=branch, name="王建国", birth_month=datetime.date(1970, 1, 1))
    future = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    lines = [
        HEADER,
        GOOD,                                                    # 2 ok
        "张晓明,男,1985-03,2011-07-01,正式,第一党小组,",           # 3 duplicate of line 2
        "王建国,男,1970-01,1995-07-01,正式,,",                     # 4 already on the roster
        "赵四,男,1980-02,2005-07-01,正式,第九党小组,",              # 5 unknown 党小组
        f"钱五,女,1980-02,{future},正式,,",                        # 6 joined in the future
        "孙六,女,1980-02,2005-02-30,正式,,",                       # 7 impossible date
        "周七,男,1980-02,1990-07-01,正式,,",                       # 8 joined at 10
        "吴八,男,1980-02,2005-07-01,发展对象,,",                   # 9 bad 正式/预备
        "郑九,未知,1980-02,2005-07-01,正式,,",                     # 10 bad gender
        ",男,1980-02,2005-07-01,正式,,",                          # 11 no name
        "冯十,男,三月,2005-07-01,正式,,",                          # 12 unreadable date
        ",,,,,,",                                                # blank line: skipped
        "陈十一,女,1988-08,2012-06-01,预备,第二党小组,",             # 14 ok
    ]
    report = report_for("\n".join(lines) + "\n", branch)
    errors = dict(report.errors)
    assert sorted(errors) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert "与第2行重复" in errors[3]
    assert "名册中已有此人" in errors[4]
    assert "党小组“第九党小组”不存在" in errors[5] and "第一党小组" in errors[5]
    assert "晚于今天" in errors[6]
    assert "不是有效日期" in errors[7]
    assert "未满18周岁" in errors[8]
    assert "正式/预备“发展对象”无效" in errors[9]
    assert "性别“未知”无效" in errors[10]
    assert "姓名为空" in errors[11]
    assert "出生年月“三月”无法识别" in errors[12]
    assert [row["name"] for row in report.rows] == ["张晓明", "陈十一"]
    assert report.total == 12


def test_birth_in_the_future_and_before_1900(branch):
    next_year = timezone.localdate().year + 1
    report = report_for(f"{HEADER}\n甲,男,{next_year}-01,2010-07-01,正式,,\n"
                        "乙,男,1899-12,1930-07-01,正式,,\n", branch)
    errors = dict(report.errors)
    assert "出生年月" in errors[2] and "晚于今天" in errors[2]
    assert "早于1900年" in errors[3]


# -- the admin views ----------------------------------------------------------------------
@pytest.fixture
def secretary(branch):
    return secretary_of(branch, username="sec1")


def upload(client, branch, upload_file):
    return client.post(reverse("roster:import"), {"organisation": branch.pk, "file": upload_file})


def test_bad_rows_answer_400_and_write_nothing(client, branch, secretary):
    client.force_login(secretary)
    response = upload(client, branch, csv_file(f"{HEADER}\n{GOOD}\n{GOOD}\n"))
    assert response.status_code == 400
    assert "第3行" in response.content.decode() and "与第2行重复" in response.content.decode()
    assert not RosterEntry.objects.exists()
    assert not RosterImport.objects.exists()


def test_malformed_file_answers_400(client, branch, secretary):
    client.force_login(secretary)
    response = upload(client, branch, SimpleUploadedFile("x.xlsx", b"garbage"))
    assert response.status_code == 400
    assert "无法读取该 XLSX 文件" in response.content.decode()


def test_preview_then_confirm_writes_everything_once(client, branch, secretary):
    client.force_login(secretary)
    text = f"{HEADER}\n{GOOD}\n陈十一,女,1988-08,2012-06-01,预备,第二党小组,\n"
    response = upload(client, branch, csv_file(text, encoding="utf-8-sig"))
    assert response.status_code == 200
    assert "确认导入" in response.content.decode()
    assert not RosterEntry.objects.exists()  # preview writes nothing to the roster
    batch = RosterImport.objects.get()
    response = client.post(reverse("roster:import_confirm", args=[batch.pk]))
    assert response.status_code == 302
    assert sorted(RosterEntry.objects.values_list("name", flat=True)) == ["张晓明", "陈十一"]
    assert RosterEntry.objects.get(name="陈十一").party_group.name == "第二党小组"
    again = client.post(reverse("roster:import_confirm", args=[batch.pk]))
    assert again.status_code == 409
    assert RosterEntry.objects.count() == 2
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="roster.import").count() == 1


def test_confirm_after_a_clash_writes_nothing(client, branch, secretary):
    client.force_login(secretary)
    text = f"{HEADER}\n{GOOD}\n陈十一,女,1988-08,2012-06-01,预备,第二党小组,\n"
    assert upload(client, branch, csv_file(text)).status_code == 200
    batch = RosterImport.objects.get()
    RosterEntryFactory(organisation=branch, name="陈十一", birth_month=datetime.date(1988, 8, 1))
    response = client.post(reverse("roster:import_confirm", args=[batch.pk]))
    assert response.status_code == 409
    assert "陈十一" in response.content.decode()
    assert list(RosterEntry.objects.values_list("name", flat=True)) == ["陈十一"]


def test_confirm_needs_post_and_own_batch(client, branch, secretary, site_tree):
    client.force_login(secretary)
    assert upload(client, branch, csv_file(f"{HEADER}\n{GOOD}\n")).status_code == 200
    batch = RosterImport.objects.get()
    assert client.get(reverse("roster:import_confirm", args=[batch.pk])).status_code == 405
    other = secretary_of(site_tree.branch2, username="sec2")
    client.force_login(other)
    assert client.post(reverse("roster:import_confirm", args=[batch.pk])).status_code == 404
    assert not RosterEntry.objects.exists()


def test_secretary_cannot_import_into_another_organisation(client, branch, secretary, site_tree):
    client.force_login(secretary)
    response = client.post(reverse("roster:import"), {"organisation": site_tree.branch2.pk,
                                                      "file": csv_file(f"{HEADER}\n{GOOD}\n")})
    assert response.status_code == 400
    assert "无权管理" in response.content.decode()
