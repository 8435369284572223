"""manage.py search_quality: the per-kind table, written between the markers, nothing kept."""

import pytest
from django.core.management import CommandError, call_command

from pages.models import NoticePage


@pytest.mark.django_db
def test_the_command_writes_the_table_and_keeps_nothing(site_tree, tmp_path, monkeypatch):
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    doc = tmp_path / "search.md"
    doc.write_text("前文\n<!-- search-quality:start -->\n旧表\n<!-- search-quality:end -->\n后文\n",
                   encoding="utf-8")
    before = NoticePage.objects.count()
    call_command("search_quality", write=str(doc))
    text = doc.read_text(encoding="utf-8")
    assert "旧表" not in text and text.startswith("前文") and text.endswith("后文\n")
    for label in ("含虚词的短语", "繁体", "同义词与变体", "拼音联想"):
        assert label in text
    assert "1.00 / 1.00" in text
    assert NoticePage.objects.count() == before
    doc.write_text("没有标记", encoding="utf-8")
    with pytest.raises(CommandError, match="标记"):
        call_command("search_quality", write=str(doc))
