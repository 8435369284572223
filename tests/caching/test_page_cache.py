"""Which requests and responses the anonymous page cache serves and stores."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from caching.middleware import HEADER, AnonymousPageCacheMiddleware
from pages.models import PageViewCount
from tests.factories import restrict_to_party


def state(response):
    return response.get(HEADER)


def test_anonymous_pages_are_stored_then_served(client, site_tree, page_cache):
    for url in ("/", site_tree.notices.url, site_tree.public_notice.url,
                site_tree.branch_index.url, site_tree.committee.url, "/catalogue/",
                "/feeds/notices/rss.xml", "/sitemap.xml"):
        first = client.get(url)
        assert first.status_code == 200, url
        assert state(first) == "miss", url
        second = client.get(url)
        assert state(second) == "hit", url
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_hit_keeps_security_headers(client, site_tree, page_cache):
    first = client.get("/")
    second = client.get("/")
    assert state(second) == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert second.get(header) == first.get(header), header


def test_query_strings_are_part_of_the_key(client, site_tree, page_cache):
    client.get(site_tree.notices.url)
    response = client.get(site_tree.notices.url + "?page=2")
    assert state(response) == "miss"


def test_logged_in_members_are_never_served_or_stored(client, site_tree, member1, page_cache):
    client.get("/")  # an anonymous copy is now cached
    client.force_login(member1)
    response = client.get("/")
    assert state(response) == "skip"
    body = response.content.decode()
    assert "退出" in body  # their own header with the logout form, not the cached one
    assert 'href="/member/login/"' not in body
    assert "关于党员组织关系排查的党内通知" in body  # and their own listing
    client.logout()
    anonymous = client.get("/")
    assert state(anonymous) == "hit"
    assert "退出" not in anonymous.content.decode()
    assert "党内通知" not in anonymous.content.decode()


def test_any_session_cookie_bypasses_the_cache(client, site_tree, page_cache):
    client.get("/")
    client.cookies["sessionid"] = "whatever"
    assert state(client.get("/")) == "skip"


def test_csrf_cookie_alone_does_not_bypass(client, site_tree, page_cache):
    client.get("/")
    client.cookies["csrftoken"] = "x" * 32
    assert state(client.get("/")) == "hit"


def test_restricted_pages_are_never_cached(client, site_tree, member1, page_cache):
    url = site_tree.party_notice.url
    assert client.get(url).status_code == 302
    assert state(client.get(url)) == "skip"
    client.force_login(member1)
    assert state(client.get(url)) == "skip"


def test_password_form_with_csrf_token_is_not_cached(client, site_tree, page_cache):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=site_tree.cases,
                                       restriction_type=PageViewRestriction.PASSWORD,
                                       password="secret-pass")
    response = client.get(site_tree.cases.url)
    assert response.status_code == 200  # Wagtail's password form
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert state(response) == "skip"
    assert state(client.get(site_tree.cases.url)) == "skip"


@pytest.mark.parametrize("url", ["/member/login/", "/admin/login/"])
def test_login_forms_are_not_cached(client, site_tree, page_cache, url):
    client.get(url)
    response = client.get(url)
    assert state(response) == "skip"


def _run(view, page_cache, path="/some/page/", **extra):
    request = RequestFactory().get(path, **extra)
    return AnonymousPageCacheMiddleware(view)(request)


@pytest.mark.parametrize("name, view", [
    ("set-cookie", lambda r: _with_cookie(HttpResponse("x"))),
    ("csrf", lambda r: HttpResponse(get_token(r))),
    ("private", lambda r: _with_header(HttpResponse("x"), "Cache-Control", "private")),
    ("no-store", lambda r: _with_header(HttpResponse("x"), "Cache-Control", "no-store")),
    ("404", lambda r: HttpResponse("x", status=404)),
    ("redirect", lambda r: HttpResponse(status=302)),
])
def test_uncacheable_responses_are_not_stored(db, page_cache, name, view):
    assert state(_run(view, page_cache)) == "skip"
    assert state(_run(view, page_cache)) == "skip"


def test_plain_response_is_stored(db, page_cache):
    calls = []

    def view(request):
        calls.append(1)
        return HttpResponse("hello")

    assert state(_run(view, page_cache)) == "miss"
    response = _run(view, page_cache)
    assert state(response) == "hit" and response.content == b"hello"
    assert len(calls) == 1
    assert state(_run(view, page_cache, HTTP_HOST="other.example")) == "miss"  # host in key


def test_posts_are_never_served_from_cache(client, site_tree, page_cache):
    client.get("/")
    response = client.post("/")
    assert state(response) == "skip"


def _with_cookie(response):
    response.set_cookie("x", "1")
    return response


def _with_header(response, name, value):
    response[name] = value
    return response


def test_view_beacon_counts_cached_pages(client, site_tree, page_cache):
    notice = site_tree.public_notice
    client.get(notice.url)
    page = client.get(notice.url)
    assert state(page) == "hit"
    assert f'data-page-id="{notice.pk}"' in page.content.decode()
    for expected in (1, 2):
        response = client.post(f"/api/views/{notice.pk}/")
        assert response.json() == {"count": expected}
        assert state(response) == "skip"
    assert PageViewCount.count_for(notice) == 2
    assert state(client.get(notice.url)) == "hit"  # counting does not empty the cache


def test_draft_edits_keep_the_cache(client, site_tree, page_cache):
    client.get("/")
    notice = site_tree.public_notice
    notice.title = "草稿标题（未发布）"
    notice.save_revision()
    response = client.get("/")
    assert state(response) == "hit"
    assert "草稿标题" not in response.content.decode()


def test_cache_can_be_turned_off(client, site_tree, settings):
    settings.PORTAL_PAGE_CACHE = {"ENABLED": False}
    assert HEADER not in client.get("/")


def test_restricting_a_section_after_caching(client, site_tree, page_cache):
    client.get(site_tree.cases.url)
    restrict_to_party(site_tree.cases)
    assert client.get(site_tree.cases.url).status_code == 302
