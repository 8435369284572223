"""import_content type "case", and the plain-text collection importer."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from plugins.cases.models import InnovationCasePage
from plugins.cases.text_collection import heading_title, parse

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent / "files"


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _jsonl(tmp_path, records):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                              for r in records), encoding="utf-8")
    return str(path)


def test_import_content_creates_and_updates_cases(library, site_tree, tmp_path):
    record = {"type": "case", "slug": "imported-1", "title": "导入的案例", "date": "2025-07-01",
              "field": "社区", "innovation_type": "载体创新", "recommendation": "重点推荐",
              "organisation": "某社区党委", "region": "临江市", "tags": ["网格化"],
              "background": "背景文字", "practice": "做法一\n做法二", "results": "成效文字",
              "lessons": "启示文字", "source": "某街道", "branch": "branch-1"}
    bad = dict(record, slug="imported-2", field="宇宙")
    path = _jsonl(tmp_path, [record, "{not json", bad, dict(record, slug="imported-3", date="x")])
    out, err = _run("import_content", path)
    case = InnovationCasePage.objects.get(slug="imported-1")
    assert (case.field, case.innovation_type, case.recommendation) == ("community", "carrier", 3)
    assert case.organisation.slug == "branch-1" and case.live
    assert len(case.practice) == 2 and list(case.tags.names()) == ["网格化"]
    assert "第2行" in err and "第3行" in err and "第4行" in err
    assert "新建 1 条" in out and "跳过 3 条" in out
    assert not InnovationCasePage.objects.filter(slug__in=["imported-2", "imported-3"]).exists()

    path = _jsonl(tmp_path, [dict(record, title="改过的标题", scope="party")])
    out, _err = _run("import_content", path)
    assert "更新 1 条" in out
    case.refresh_from_db()
    assert case.title == "改过的标题"
    assert InnovationCasePage.objects.filter(slug="imported-1").count() == 1


def test_headings_in_both_forms():
    assert heading_title("篇一：社区议事") == "社区议事"
    assert heading_title("篇12: 标题") == "标题"
    assert heading_title("车间党小组积分擂台 [篇2]") == "车间党小组积分擂台"
    assert heading_title("车间党小组积分擂台【篇十】") == "车间党小组积分擂台"
    assert heading_title("普通段落，其中提到篇一") is None


def test_parse_reports_bad_articles_with_line_numbers():
    lines = (FILES / "collection.txt").read_text(encoding="utf-8").splitlines()
    articles, errors = parse(lines)
    assert [a.title for a in articles] == [
        "社区“红色议事厅”让居民事居民议", "国企车间党小组“积分擂台”",
        "社区“红色议事厅”让居民事居民议"]
    first = articles[0]
    assert first.meta["field"] == "社区" and first.meta["date"] == "2025-04-02"
    assert first.meta["tags"] == ["议事协商", "服务群众"]
    assert first.sections["background"].startswith("小区加装电梯")
    assert "红色议事厅" in first.sections["practice"] and "23件" in first.sections["results"]
    second = articles[1]
    assert second.meta["date"] == "2025-06-18"
    assert "积分擂台赛" in second.sections["background"] and "百分之百" in second.sections["results"]
    assert [e.line for e in errors] == [28, 32, 35]
    assert "日期" in errors[0].message and "领域" in errors[1].message and "没有正文" in errors[2].message


def test_collection_command_skips_duplicates_and_reports(library, tmp_path):
    path = str(FILES / "collection.txt")
    out, err = _run("import_case_collection", path, "--source", "案例汇编")
    assert InnovationCasePage.objects.count() == 2
    assert "新建 2 篇" in out and "重复跳过 1 篇" in out and "出错跳过 3 篇" in out
    assert "第28行" in err and "第32行" in err and "第35行" in err
    case = InnovationCasePage.objects.get(title__startswith="国企")
    assert (case.field, case.innovation_type, case.source) == ("soe", "method", "案例汇编")
    out, _err = _run("import_case_collection", path)
    assert "新建 0 篇" in out and "重复跳过 3 篇" in out
    assert InnovationCasePage.objects.count() == 2


def test_collection_without_headings_is_reported(library, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("只是一段文字\n没有标题行\n", encoding="utf-8")
    out, err = _run("import_case_collection", str(path))
    assert "第1行" in err and "新建 0 篇" in out


def test_dry_run_writes_nothing(library):
    out, _err = _run("import_case_collection", str(FILES / "collection.txt"), "--dry-run")
    assert "可导入 2 篇" in out
    assert InnovationCasePage.objects.count() == 0
