"""python manage.py import_content FILE.jsonl."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from pages.importers import IMPORTERS
from pages.models import BranchPage, ExperienceCasePage, NoticePage

pytestmark = pytest.mark.django_db


def run(tmp_path, lines):
    path = tmp_path / "content.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)
                              for x in lines), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_content", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


NOTICE = {"type": "notice", "slug": "imported-notice", "title": "关于开展群众评议的通知",
          "body": "<p>各党支部：</p><p>现开展群众评议。<script>x</script></p>", "date": "2020-11-10",
          "branch": "branch-1", "tags": ["群众评议"], "scope": "party",
          "document_number": "鼎发〔2020〕55号"}


def test_imports_each_type_and_is_idempotent(site_tree, tmp_path):
    lines = [
        NOTICE,
        {"type": "experience", "slug": "imported-case", "title": "支部经验", "body": "做法",
         "date": "2021-01-02", "section": "cases"},
        {"type": "branch", "slug": "branch-3", "title": "第三党支部", "branch": "committee",
         "member_count": 9, "body": "第三党支部简介"},
    ]
    out, err = run(tmp_path, lines)
    assert "新建 3 条" in out and not err
    notice = NoticePage.objects.get(slug="imported-notice")
    assert notice.organisation.specific == site_tree.branch1 and notice.live
    assert "<script>" not in str(notice.body.raw_data)
    assert list(notice.tags.names()) == ["群众评议"]
    assert PageViewRestriction.objects.filter(page=notice).exists()
    assert ExperienceCasePage.objects.get(slug="imported-case").get_parent().specific == site_tree.cases
    assert BranchPage.objects.get(slug="branch-3").get_parent().specific == site_tree.committee
    changed = dict(NOTICE, title="关于开展群众评议的补充通知", scope="public")
    out, err = run(tmp_path, [changed] + lines[1:])
    assert "新建 0 条，更新 3 条" in out
    assert NoticePage.objects.filter(slug="imported-notice").count() == 1
    notice = NoticePage.objects.get(slug="imported-notice")
    assert notice.title == "关于开展群众评议的补充通知"
    assert not PageViewRestriction.objects.filter(page=notice).exists()


def test_bad_lines_are_reported_by_number_and_skipped(site_tree, tmp_path):
    lines = [
        "{not json",
        {"type": "unknown", "slug": "x", "title": "x"},
        {"type": "notice", "slug": "no-title", "date": "2020-01-01"},
        {"type": "notice", "slug": "bad-date", "title": "t", "date": "2020-13-45"},
        {"type": "notice", "slug": "bad slug!", "title": "t", "date": "2020-01-01"},
        {"type": "notice", "slug": "unknown-branch", "title": "t", "date": "2020-01-01",
         "branch": "nowhere"},
        NOTICE,
    ]
    out, err = run(tmp_path, lines)
    for number in range(1, 7):
        assert f"第{number}行" in err
    assert "第7行" not in err
    assert "新建 1 条，更新 0 条，跳过 6 条" in out
    assert NoticePage.objects.filter(slug="imported-notice").exists()
    assert not NoticePage.objects.filter(slug="no-title").exists()


def test_imported_content_is_searchable(site_tree, tmp_path, api):
    run(tmp_path, [dict(NOTICE, scope="public")])
    assert api(q="群众评议")["results"][0]["title"] == "关于开展群众评议的通知"


def test_plugins_can_register_types():
    assert {"notice", "experience", "branch"} <= set(IMPORTERS)
