"""/search/ and /api/search/: shape, bad input, scope inside results, counts, facets, suggestions."""

import pytest
from wagtail.rich_text import RichText

from tests.factories import NoticePageFactory

# Every test runs on the database backend, then on Elasticsearch when a node is there.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]

PUBLIC = "关于试行三会一课观察员制度的通知"
PARTY = "关于党员组织关系排查的党内通知"
BRANCH1 = "第一党支部支委会会议纪要"


def test_api_shape(site_tree, api):
    data = api(q="三会一课")
    assert data["count"] == 1
    result = data["results"][0]
    assert set(result) >= {"title", "url", "type", "date", "snippet"}
    assert result["title"] == PUBLIC and result["type"] == "notice"
    assert result["url"] == site_tree.public_notice.url


@pytest.mark.parametrize("who, expected", [
    (None, {PUBLIC}),
    ("member2", {PUBLIC, PARTY}),
    ("member1", {PUBLIC, PARTY, BRANCH1}),
])
def test_scope_applies_to_results_counts_facets_and_suggestions(
        site_tree, client, api, member1, member2, who, expected):
    if who:
        client.force_login({"member1": member1, "member2": member2}[who])
    data = api(q="党")
    titles = {r["title"] for r in data["results"]}
    notice_titles = {t for t in titles if t in {PUBLIC, PARTY, BRANCH1}}
    assert notice_titles == expected
    assert data["facets"]["type"]["notice"] == len(expected)
    assert data["count"] == len(titles)
    suggestions = {s["title"] for s in api("/api/search/suggest/", q="纪要")["suggestions"]}
    assert (BRANCH1 in suggestions) == (BRANCH1 in expected)
    page = client.get("/search/", {"q": "纪要"}).content.decode()
    assert ("找到 <strong>1</strong>" in page) == (BRANCH1 in expected)


def test_long_query_is_cut_with_a_message(site_tree, api):
    data = api(q="三会一课" + "党" * 500)
    assert "检索词过长" in data["message"]
    data = api(q="x" * 100_000)
    assert data["count"] == 0


@pytest.mark.parametrize("params", [
    {"q": "通知", "page": "abc"}, {"q": "通知", "page": "99999"}, {"q": "通知", "page": "-1"},
    {"q": "通知", "type": "nonsense"}, {"q": "通知", "year": "twenty"}, {"q": "通知", "org": "x"},
    {"q": "通知", "section": "999999"}, {"q": "通知", "sort": "evil"}, {"q": "通知", "tag": "t" * 500},
    {"q": '"(三会*) AND -x:y NEAR'}, {"q": ""}, {"q": "   "}, {"q": "\x00"},
])
def test_bad_input_never_errors(site_tree, client, params):
    for path in ("/search/", "/api/search/", "/api/search/suggest/"):
        response = client.get(path, params)
        # NUL cannot be stored by PostgreSQL: refused with a 400 on every database.
        expected = 400 if "\x00" in params["q"] else 200
        assert response.status_code == expected, (path, params)


def test_page_past_the_end_serves_the_last_page(site_tree, api):
    data = api(q="通知", page="99999")
    assert data["page"] == data["num_pages"] == 1
    assert data["count"] == 1 and len(data["results"]) == 1


def test_unknown_filter_is_reported_and_ignored(site_tree, api):
    data = api(q="通知", type="nonsense")
    assert data["count"] == 1 and "筛选条件无效" in data["message"]


def test_filters_type_year_and_organisation(site_tree, api):
    assert api(q="党", type="branch")["count"] == 3
    assert api(q="党", type="notice", year="2019")["count"] == 0
    site_tree.public_notice.organisation = site_tree.branch2
    site_tree.public_notice.save_revision().publish()
    data = api(q="通知", org=site_tree.branch2.pk)
    assert [r["title"] for r in data["results"]] == [PUBLIC]


def test_pagination_and_sort_by_date(site_tree, api):
    for n in range(12):
        NoticePageFactory(parent=site_tree.notices, title=f"关于评议工作的第{n}号通知")
    first = api(q="评议")
    assert first["count"] == 12 and first["num_pages"] == 2 and len(first["results"]) == 10
    second = api(q="评议", page=2)
    assert len(second["results"]) == 2
    assert not {r["url"] for r in first["results"]} & {r["url"] for r in second["results"]}
    by_date = api(q="评议", sort="date")["results"]
    dates = [r["date"] for r in by_date]
    assert dates == sorted(dates, reverse=True)


def test_snippets_escape_everything_and_mark_hits(site_tree, api, client):
    NoticePageFactory(parent=site_tree.notices, title="<script>alert(1)</script>承诺书",
                      body=[("paragraph", RichText("<p>公开承诺&lt;b&gt;践诺</p>"))])
    data = api(q="承诺")
    result = next(r for r in data["results"] if "承诺书" in r["title"])
    assert "<script>" not in result["snippet"] and "<mark>承诺</mark>" in result["snippet"]
    page = client.get("/search/", {"q": "承诺"}).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>承诺</mark>书" in page


def test_page_states(site_tree, client):
    empty = client.get("/search/").content.decode()
    assert "请输入检索词" in empty and 'src="/static/js/search.js"' in empty
    none = client.get("/search/", {"q": "不存在的词语组合"}).content.decode()
    assert "没有找到与“不存在的词语组合”相关的内容" in none
    assert "style=" not in none and "<script>" not in none


def test_a_count_past_the_cap_is_shown_as_a_lower_bound(site_tree, client, api, member1,
                                                         monkeypatch):
    from search.backends.database import results as results_module

    monkeypatch.setattr(results_module, "COUNT_CAP", 1)
    data = api(q="通知")  # anonymous: only the public notice matches
    assert data["count"] == 1 and data["count_capped"] is False
    client.force_login(member1)  # sees two notices with 通知: past the cap of 1
    data = api(q="通知", type="notice")
    assert data["count"] == 1 and data["count_capped"] is True
    assert data["facets"]["year"] == {}  # not guessed past the cap
    page = client.get("/search/", {"q": "通知", "type": "notice"}).content.decode()
    assert "条以上" in page
