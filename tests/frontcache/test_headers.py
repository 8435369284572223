"""What the portal tells a shared cache (caching/headers.py)."""

from django.utils.cache import get_max_age


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_anonymous_public_pages_are_public_for_a_purged_front_cache(client, site_tree, settings):
    settings.WAGTAILFRONTENDCACHE = {"recording": {
        "BACKEND": "tests.frontcache.recording.RecordingBackend"}}
    for url in ("/", site_tree.notices.url, site_tree.public_notice.url, "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"public", "max-age=0", "s-maxage=600"} <= cache_control(response), url
        assert get_max_age(response) == 0  # browsers ask again; only the purged proxy keeps it
        assert "Cookie" in response["Vary"], url


def test_without_a_front_cache_shared_caches_keep_nothing(client, site_tree):
    response = client.get(site_tree.public_notice.url)
    assert {"public", "s-maxage=0"} <= cache_control(response)


def test_restricted_pages_are_private_and_never_stored(client, site_tree, member1):
    client.force_login(member1)
    response = client.get(site_tree.party_notice.url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_anything_with_a_session_is_private(client, site_tree, member1):
    client.force_login(member1)
    for url in ("/", site_tree.public_notice.url):
        response = client.get(url)
        assert {"private", "no-store"} <= cache_control(response), url
        assert "public" not in cache_control(response)
        assert "Cookie" in response["Vary"]


def test_restricted_page_refused_to_the_public_is_not_public(client, site_tree):
    response = client.get(site_tree.party_notice.url)
    assert response.status_code in (302, 403)
    assert "public" not in cache_control(response)


def test_forms_with_a_token_are_private(client, site_tree):
    response = client.get("/member/login/")
    assert "public" not in cache_control(response)
    assert {"private", "no-store"} <= cache_control(response)


def test_csrf_cookie_alone_keeps_a_page_public(client, site_tree):
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(site_tree.public_notice.url)
    assert "public" in cache_control(response)
