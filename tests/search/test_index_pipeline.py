"""add_items analyses the next batch while the database writes the one before."""

import pytest
from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend

from pages.models import NoticePage
from search.backends.database import indexer
from search.backends.database.indexer import RawDocument, analysed, analysed_batches
from tests.factories import NoticePageFactory

pytestmark = pytest.mark.django_db
IndexEntry = get_app_config().get_model("IndexEntry")


@pytest.fixture
def notices(site_tree):
    words = ["三会一课", "观察员", "民主评议", "承诺践诺", "主题党日", "谈心谈话", "党费交纳"]
    for n in range(61):
        NoticePageFactory(parent=site_tree.notices, slug=f"pipe-{n}",
                          title=f"关于{words[n % 7]}工作的第{n}号通知")
    return list(NoticePage.objects.filter(slug__startswith="pipe-").order_by("pk"))


def _entries(objs):
    return IndexEntry.objects.filter(object_id__in=[str(o.pk) for o in objs])


def test_batches_hold_what_one_pass_gives(notices):
    batches = list(analysed_batches(NoticePage, notices, size=7))
    assert [len(b) for b in batches] == [7] * 8 + [5]
    assert [row for batch in batches for row in batch] == [
        analysed(RawDocument(notice)) for notice in notices]
    assert list(analysed_batches(NoticePage, [])) == []


def test_add_items_indexes_every_object(notices):
    _entries(notices).delete()
    index = get_search_backend().get_index_for_model(NoticePage)
    index.add_items(NoticePage, notices)  # 61 objects: two batches of 50 and 11
    assert _entries(notices).count() == 61
    results = get_search_backend().search("民主评议", NoticePage.objects.filter(slug__startswith="pipe-"))
    assert results.count() == 9
    assert {p.title for p in results} == {n.title for n in notices if "民主评议" in n.title}


def test_a_failed_analysis_writes_nothing(notices, monkeypatch):
    _entries(notices).delete()
    real = indexer.index_text
    calls = []

    def failing(text, **kwargs):
        calls.append(text)
        if len(calls) > 160:  # in the second batch (three texts per object, 50 objects)
            raise RuntimeError("analysis failed")
        return real(text, **kwargs)

    monkeypatch.setattr(indexer, "index_text", failing)
    index = get_search_backend().get_index_for_model(NoticePage)
    with pytest.raises(RuntimeError):
        index.add_items(NoticePage, notices)
    assert _entries(notices).count() == 0  # the first batch's rows were rolled back
