"""党员名册: importing 5,000 members from XLSX and from a GBK CSV, end to end through the
admin's upload (read, check every row, preview) and confirm (one transaction) views."""

import datetime as dt
import io
import os
import random
import time

from tests.benchmarks.plugin_site import (
    engine,
    setup_django,
    site_with_branches,
    throwaway_database,
)

TITLE = "党员名册：导入5,000名党员（XLSX 与 GBK 编码 CSV）"
COMMAND = ".venv/bin/python -m tests.benchmarks.run roster"
NOTES = """
Each figure is one import as a 书记 through the test client: the upload view reads the
file (openpyxl in read-only mode, or csv after decoding), checks every row (dates, 性别,
正式/预备, 党小组, duplicates in the file and against the roster, the latter read once),
stores the clean rows as a pending import and renders the preview; the confirm view
re-checks duplicates and writes every row with bulk_create in one transaction. The two
imports go to two different 党支部 with 20 党小组 each; names are invented.
Wall-clock figures include waiting for a CPU on a shared machine (see the load average).
"""

SCALES = {"full": 5000, "smoke": 50}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌海波宁晓东"


def rows(count, seed):
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        born = dt.date(rng.randint(1950, 2000), rng.randint(1, 12), 1)
        if (name, born) in seen:
            continue
        seen.add((name, born))
        joined = born.replace(year=born.year + rng.randint(18, 24), day=rng.randint(1, 28))
        out.append([name, rng.choice("男女"), f"{born:%Y-%m}", joined.isoformat(),
                    "正式" if rng.random() > 0.05 else "预备", f"第{rng.randint(1, 20)}党小组",
                    f"139{rng.randint(0, 99999999):08d}"])
    return out


HEADER = ["姓名", "性别", "出生年月", "入党时间", "正式/预备", "所在党小组", "联系方式"]


def as_xlsx(data):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("名册")
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_gbk_csv(data):
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(data)
    return out.getvalue().encode("gbk")


def _import(client, branch, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from roster.models import RosterImport

    start = time.perf_counter()
    response = client.post("/admin/roster-files/import/", {
        "organisation": branch.pk, "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200, response.content.decode()[:2000]
    preview = time.perf_counter() - start
    batch = RosterImport.objects.filter(organisation=branch).latest("pk")
    response = client.post(f"/admin/roster-files/import/{batch.pk}/confirm/")
    assert response.status_code == 302
    return preview, time.perf_counter() - start


def run(scale="full"):
    setup_django()
    from django.test import Client

    from pages.models import BranchCommitteeMember
    from roster.models import PartyGroup, RosterEntry
    from tests.roster.factories import admin_user

    count = SCALES[scale]
    with throwaway_database("roster_bench"):
        tree, branches = site_with_branches(2)
        secretary = admin_user(username="bench-secretary")
        for branch in branches:
            BranchCommitteeMember.objects.create(branch=branch, name="书记", role="secretary",
                                                 user=secretary)
            PartyGroup.objects.bulk_create([PartyGroup(organisation=branch, name=f"第{n}党小组")
                                            for n in range(1, 21)])
        client = Client()
        client.force_login(secretary)
        xlsx = as_xlsx(rows(count, 1))
        gbk = as_gbk_csv(rows(count, 2))
        xlsx_preview, xlsx_total = _import(client, branches[0], "roster.xlsx", xlsx)
        csv_preview, csv_total = _import(client, branches[1], "roster.csv", gbk)
        stored = [RosterEntry.objects.filter(organisation=b).count() for b in branches]
        assert stored == [count, count], stored
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else "-"

    def secs(metric, value, target="-"):
        ok = value < 10 if target != "-" else None
        return {"metric": metric, "value": round(value, 2), "unit": "s", "target": target,
                "ok": ok}

    return [
        {"metric": "rows per import", "value": f"{count} ({engine()})", "unit": "",
         "target": "-", "ok": None},
        secs("XLSX: upload, check and preview", xlsx_preview),
        secs("XLSX: whole import (preview + confirm)", xlsx_total, "< 10 s"),
        secs("GBK CSV: upload, check and preview", csv_preview),
        secs("GBK CSV: whole import (preview + confirm)", csv_total, "< 10 s"),
        {"metric": "load average (1 min) at the end", "value": round(load, 2)
         if isinstance(load, float) else load, "unit": "", "target": "-", "ok": None},
    ]


if __name__ == "__main__":
    import sys

    for row in run(sys.argv[1] if len(sys.argv) > 1 else "full"):
        print(row)
