"""高级检索: 发文机关, 发文字号, 成文/发布日期, 公开范围, 有效性 on the page and the API, on
every backend; shareable URLs; refused values answered in Chinese (400 on the API)."""

import datetime

import pytest

from tests.factories import NoticePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_backend")]

D = datetime.date


@pytest.fixture
def notices(site_tree):
    make = lambda title, **kw: NoticePageFactory(parent=site_tree.notices, title=title, **kw)  # noqa: E731
    return {
        "a": make("关于年度考核的通知", issuing_authority="中共示范市财政局机关委员会",
                  document_number="财机党〔2024〕3号", written_date=D(2024, 3, 1),
                  date=D(2024, 3, 5), validity="valid"),
        "b": make("关于年度评优的通知", issuing_authority="中共示范市财政局机关委员会",
                  document_number="财机党〔2025〕12号", written_date=D(2025, 6, 1),
                  date=D(2025, 6, 3), validity="repealed"),
        "c": make("关于年度培训的通知", issuing_authority="示范市机关工委",
                  document_number="市工委发〔2025〕7号", written_date=D(2025, 1, 10),
                  date=D(2025, 2, 1), validity="valid"),
    }


def _urls(api, **params):
    return {r["url"] for r in api(q="年度", **params)["results"]}


def test_each_filter_narrows_the_results(notices, api):
    a, b, c = (notices[k].url for k in "abc")
    assert _urls(api) == {a, b, c}
    assert _urls(api, issuer="中共示范市财政局机关委员会") == {a, b}
    assert _urls(api, docno="〔2025〕") == {b, c}
    assert _urls(api, docno="财机党〔2025〕12号") == {b}
    assert _urls(api, written_from="2025-01-01") == {b, c}
    assert _urls(api, written_from="2025-01-01", written_to="2025-03-31") == {c}
    assert _urls(api, date_to="2024-12-31") == {a}
    assert _urls(api, date_from="2025-02-01", date_to="2025-02-01") == {c}
    assert _urls(api, validity="repealed") == {b}
    assert _urls(api, issuer="中共示范市财政局机关委员会", validity="valid") == {a}
    assert api(q="年度", docno="〔2025〕")["count"] == 2


def test_a_range_given_the_wrong_way_round_is_the_same_range(notices, api):
    """What a reader means: the API swaps the dates instead of refusing them."""
    a, b, c = (notices[k].url for k in "abc")
    assert _urls(api, written_from="2025-03-31", written_to="2025-01-01") == {c}
    assert _urls(api, date_from="2025-12-31", date_to="2024-12-31") == {b, c}
    assert _urls(api, date_from="1800-01-01", date_to="1000-01-01") == set()
    assert _urls(api, written_from="1800-01-01") == {a, b, c}  # any date is a bound


def test_notice_filters_leave_other_kinds_out(site_tree, api):
    assert api(q="党支部", type="branch")["count"] > 0
    assert api(q="党支部", type="branch", validity="valid")["count"] == 0
    assert api(q="党支部", type="branch", date_from="2000-01-01")["count"] == 0


@pytest.mark.parametrize("who, scope, expected", [
    (None, "public", {"关于试行三会一课观察员制度的通知"}),
    ("member2", "party", {"关于党员组织关系排查的党内通知"}),
    ("member1", "organisation", {"第一党支部支委会会议纪要"}),
    ("member1", "public", {"关于试行三会一课观察员制度的通知"}),
])
def test_scope_filter(site_tree, client, api, member1, member2, who, scope, expected):
    if who:
        client.force_login({"member1": member1, "member2": member2}[who])
    titles = {r["title"] for q in ("通知", "纪要") for r in api(q=q, scope=scope)["results"]}
    assert titles == expected


def test_the_public_is_offered_no_scope_it_may_not_see(site_tree, client, member1):
    page = client.get("/search/", {"q": "通知"}).content.decode()
    assert 'value="public"' in page and 'value="party"' not in page
    response = client.get("/api/search/", {"q": "通知", "scope": "party"})
    assert response.status_code == 200 and response.json()["count"] == 0  # none they may see
    client.force_login(member1)
    page = client.get("/search/", {"q": "通知"}).content.decode()
    assert 'value="party"' in page and 'value="organisation"' in page


@pytest.mark.parametrize("params, message", [
    ({"written_from": "2024-13-01"}, "成文日期（起）格式不正确"),
    ({"date_to": "yesterday"}, "发布日期（止）格式不正确"),
    ({"validity": "maybe"}, "有效性只能是"),
    ({"docno": "号" * 51}, "发文字号不超过50个字"),
    ({"issuer": "机" * 101}, "发文机关不超过100个字"),
    ({"issuer": " " * 101}, "发文机关不超过100个字"),  # as typed, as the API description says
    ({"scope": "<script>"}, "公开范围不存在"),
    # Python's strip() drops these control characters; they must not become "no filter".
    ({"written_to": "\x1c"}, "成文日期（止）格式不正确"),
    ({"date_from": " 2024-01-01"}, "发布日期（起）格式不正确"),
    ({"scope": "\x1f"}, "公开范围不存在"),
    ({"written_from": "20240131"}, "成文日期（起）格式不正确"),  # ISO, but not YYYY-MM-DD
    ({"date_to": "2024-W05-3"}, "发布日期（止）格式不正确"),
    ({"validity": "valid\x1d"}, "有效性只能是"),
])
def test_bad_values_are_refused_in_chinese(notices, client, params, message):
    response = client.get("/api/search/", {"q": "年度", **params})
    assert response.status_code == 400
    assert message in response.json()["message"]
    page = client.get("/search/", {"q": "年度", **params})
    assert page.status_code == 200 and message in page.content.decode()


def test_the_url_is_shareable_and_pages_keep_the_filters(site_tree, client):
    for n in range(12):
        NoticePageFactory(parent=site_tree.notices, title=f"关于评议的第{n}号通知", validity="valid",
                          written_date=D(2025, 1, 1 + n))
    page = client.get("/search/", {"q": "评议", "validity": "valid",
                                   "written_from": "2025-01-01"}).content.decode()
    assert "<details class=\"search-advanced\" data-search-advanced open>" in page
    assert 'value="2025-01-01"' in page and '<option value="valid" selected>' in page
    assert "validity=valid" in page and "written_from=2025-01-01" in page  # the next-page link
