"""热搜词: counted from the public's searches only, shown on the search page, a stop list
the admin edits; a search that found nothing suggests a synonym or a shorter query."""

import pytest

from search import hot
from search.models import HotQueryStopWord, PublicQueryCount
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]


@pytest.fixture(autouse=True)
def fresh_list():
    hot.forget()
    yield
    hot.forget()


def _search(client, query, times=1, **params):
    for _ in range(times):
        hot.forget()
        client.get("/search/", {"q": query, **params})


def test_public_searches_that_found_something_are_counted_and_shown(site_tree, client):
    _search(client, "三会一课", times=3)
    _search(client, "观察员", times=2)  # below the threshold
    _search(client, "不存在的词语", times=5)  # found nothing
    _search(client, "三会一课", page=2)  # not the first page: not counted again
    counts = dict(PublicQueryCount.objects.values_list("query", "count"))
    assert counts == {"三会一课": 3, "观察员": 2}
    assert PublicQueryCount._meta.get_fields()  # day, query, count: nothing about who
    assert {f.name for f in PublicQueryCount._meta.concrete_fields} == {"id", "day", "query",
                                                                      "count"}
    page = client.get("/search/").content.decode()
    assert "热搜词" in page and "?q=%E4%B8%89%E4%BC%9A%E4%B8%80%E8%AF%BE" in page
    assert "观察员</a></li>" not in page


def test_counts_older_than_the_window_are_dropped(site_tree, client):
    import datetime

    from django.utils import timezone

    old = timezone.localdate() - datetime.timedelta(days=hot.HOT_DAYS + 1)
    PublicQueryCount.objects.create(day=old, query="旧词", count=50)
    _search(client, "三会一课")
    assert list(PublicQueryCount.objects.values_list("query", flat=True)) == ["三会一课"]


def test_members_queries_are_never_stored(site_tree, client, member1):
    client.force_login(member1)
    _search(client, "支委会", times=4)
    assert not PublicQueryCount.objects.exists()
    assert hot.hot_queries() == []


def test_a_stop_word_hides_every_query_holding_it(site_tree, client):
    _search(client, "三会一课", times=3)
    _search(client, "观察员", times=3)
    assert hot.hot_queries() == ["三会一课", "观察员"]
    HotQueryStopWord.objects.create(word="观察")
    assert hot.hot_queries() == ["三会一课"]


def test_the_admin_edits_the_stop_list(site_tree, client):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    url = "/admin/snippets/portal_search/hotquerystopword/"
    assert client.get(url).status_code == 200
    bad = client.post(url + "add/", {"word": "！！", "note": ""})
    assert bad.status_code == 200 and "须包含文字或数字" in bad.content.decode()
    assert client.post(url + "add/", {"word": "测试", "note": ""}).status_code == 302
    assert HotQueryStopWord.objects.filter(word="测试").exists()


def test_zero_results_suggest_a_synonym_or_a_shorter_query(site_tree, client):
    assert hot.hints("民主评议大会")[0] == "民主评议会"
    assert hot.hints("三会一课 不存在") == ["三会一课", "不存在"]
    page = client.get("/search/", {"q": "三会一课 不存在"}).content.decode()
    assert "试试：" in page and ">三会一课</a>" in page
