"""Facet counts by aggregation, facet filters, sorting and bad input on the library page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plugins.cases.browse import browse
from plugins.cases.facets import all_facets
from portal.scope import AnonymousScopeResolver

from .conftest import make_case

pytestmark = pytest.mark.django_db


def _state(library, **get):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    query.update(get)
    return browse(library, query, AnonymousScopeResolver())


def count_on_page(response):
    return int(re.search(r"data-case-count>(\d+)<", response.content.decode()).group(1))


def test_facet_counts_match_the_cases(library, cases):
    facets = all_facets(library.visible_cases(AnonymousScopeResolver()))
    assert facets["field"] == [("organ", "机关", 3), ("community", "社区", 2), ("rural", "农村", 1)]
    assert facets["type"] == [("mechanism", "机制创新", 3), ("method", "方法创新", 3)]
    assert facets["year"] == [(2026, 3), (2025, 3)]
    tags = dict(facets["tag"])
    assert tags["三会一课"] == 2 and tags["网格化"] == 2 and tags["党小组"] == 1
    assert facets["total"] == 6


def test_counts_follow_the_selected_filters(library, cases):
    state = _state(library, field="organ")
    assert state.total == 3
    assert dict((k, n) for k, _label, n in state.facets["type"]) == {"method": 3}
    assert dict(state.facets["year"]) == {2026: 2, 2025: 1}
    state = _state(library, field="organ", year="2026", tag="三会一课")
    assert {case.slug for case, _scope in state.items} == {"c3", "c6"}


def test_facet_queries_do_not_grow_with_the_number_of_values(library, cases):
    resolver = AnonymousScopeResolver()
    resolver.restrictions, resolver.aliases  # noqa: B018 - load once, outside the measurement
    with CaptureQueriesContext(connection) as few:
        all_facets(library.visible_cases(resolver))
    for i, field in enumerate(["school", "soe", "private", "institution", "social", "other"]):
        make_case(library, f"extra{i}", field=field, tags=[f"标签{i}", f"另一{i}"],
                  date=__import__("datetime").date(2010 + i, 1, 1))
    with CaptureQueriesContext(connection) as many:
        facets = all_facets(library.visible_cases(resolver))
    assert len(facets["field"]) == 9
    assert len(many.captured_queries) == len(few.captured_queries) == 2


def test_library_page_lists_and_filters(client, library, cases):
    response = client.get(library.url)
    assert response.status_code == 200
    assert count_on_page(response) == 6
    response = client.get(library.url, {"field": "community"})
    body = response.content.decode()
    assert count_on_page(response) == 2
    assert "社区网格党员联户" in body and "村级党员积分制" not in body
    assert 'aria-current="true"' in body  # the chosen value is marked and links to clear it


def test_topic_page(client, library, cases):
    response = client.get(library.url + "topic/sanhui/")
    assert response.status_code == 200
    assert count_on_page(response) == 3
    assert client.get(library.url + "topic/unknown/").status_code == 302


@pytest.mark.parametrize("query", [
    {"field": "xyz"}, {"type": "nonsense"}, {"year": "abc"}, {"year": "1800"},
    {"tag": "长" * 80},
])
def test_unknown_facet_values_are_ignored_with_a_message(client, library, cases, query):
    response = client.get(library.url, query)
    assert response.status_code == 200
    assert count_on_page(response) == 6
    assert "部分筛选条件无效，已忽略。" in response.content.decode()


def test_a_facet_value_may_be_its_label(client, library, cases):
    by_code = client.get(library.url, {"field": "organ"})
    by_label = client.get(library.url, {"field": "机关", "type": "nonsense"})
    assert count_on_page(by_code) == count_on_page(by_label) == 3


def test_a_tag_nothing_carries_shows_the_empty_state(client, library, cases):
    response = client.get(library.url, {"tag": "不存在的标签"})
    assert count_on_page(response) == 0
    assert "没有符合条件的案例" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "999", "1.5", ""])
def test_bad_page_numbers_are_served(client, library, cases, page):
    response = client.get(library.url, {"page": page, "sort": "bogus"})
    assert response.status_code == 200
    assert count_on_page(response) == 6


def test_empty_library_shows_empty_facets(client, library):
    response = client.get(library.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert count_on_page(response) == 0 and "暂无" in body


def test_search_inside_the_library_is_chinese_and_filtered(library, cases):
    state = _state(library, q="网格化")
    assert {case.slug for case, _ in state.items} == {"c1", "c2"}
    assert dict((k, n) for k, _l, n in state.facets["field"]) == {"community": 2}
    state = _state(library, q="三会一课", field="organ", sort="date")
    assert [case.slug for case, _ in state.items] == ["c3", "c6"]
    state = _state(library, q="观察员")
    assert [case.slug for case, _ in state.items] == ["c3"]


def test_sort_by_date_and_default_order(library, cases):
    state = _state(library, sort="date")
    dates = [case.date for case, _ in state.items]
    assert dates == sorted(dates, reverse=True)


def test_print_view_lists_the_filtered_cases(client, library, cases):
    response = client.get(library.url + "print/", {"field": "rural"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "村级党员积分制" in body and "社区网格党员联户" not in body


def test_case_page_and_print(client, library, cases):
    case = cases[0]
    response = client.get(case.url)
    body = response.content.decode()
    assert response.status_code == 200
    for label in ("背景", "主要做法", "成效", "启示", "相关案例", "社区"):
        assert label in body
    assert client.get(case.url + "print/").status_code == 200
