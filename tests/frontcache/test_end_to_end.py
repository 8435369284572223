"""The front cache end to end: Varnish (deploy/varnish/default.vcl) in front of gunicorn with
the production settings, Redis shared by two app processes (tests/frontcache/stack.py).

Skipped -- loudly -- when varnishd is not installed or Redis does not answer; `.ci/run`
installs Varnish and starts Redis (make services) before `make test-frontcache`.
"""

import socket
import time
import urllib.error
import urllib.request
import warnings

import pytest

from tests.frontcache import stack

NEW_TITLE = "关于开展端到端测试捐款活动的通知"

missing = []
if not stack.varnishd():
    missing.append("varnishd is not installed (scripts/frontcache.sh install, or make test-frontcache)")
if not stack.redis_url() or not stack.redis_answers(stack.redis_url()):
    missing.append("Redis does not answer at REDIS_URL (make services; e.g. "
                   "REDIS_URL=redis://127.0.0.1:6379/2)")
if missing:
    reason = "FRONT-CACHE END-TO-END TESTS SKIPPED: " + "; ".join(missing)
    warnings.warn(reason, stacklevel=1)
    pytestmark = pytest.mark.skip(reason=reason)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer of its own (e.g. to the login page)


opener = urllib.request.build_opener(NoRedirect)


def get(base, path, cookie=None):
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def eventually(check, seconds):
    """True as soon as check() is, within `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("frontcache")
    info, _ = stack.build(workdir, stack.redis_url())
    proxy_port, app_port, other_port = stack.free_ports(3)
    env = stack.stack_env(workdir, stack.redis_url(), f"http://127.0.0.1:{proxy_port}")
    app = stack.Gunicorn(env, app_port, workers=2, logfile=workdir / "app.log")
    other = stack.Gunicorn(env, other_port, workers=1, logfile=workdir / "other.log")
    proxy = None
    try:
        proxy = stack.Varnish(proxy_port, app_port, workdir)
        yield {"info": info, "env": env, "proxy": proxy.base, "app": app.base,
               "other": other.base}
    finally:
        if proxy is not None:
            proxy.stop()
        app.stop()
        other.stop()


def test_anonymous_pages_are_kept_and_sessions_pass(portal):
    proxy, info = portal["proxy"], portal["info"]
    get(proxy, info["notice"])
    status, headers, _ = get(proxy, info["notice"])
    assert status == 200
    assert headers["X-Front-Cache"] == "hit"
    status, headers, _ = get(proxy, info["notice"], cookie=f"sessionid={info['session']}")
    assert headers["X-Front-Cache"] == "pass"
    assert "private" in headers["Cache-Control"]


def test_a_published_notice_is_visible_through_the_proxy_within_a_second(portal):
    proxy, info = portal["proxy"], portal["info"]
    for path in ("/", info["section"], "/feeds/notices/rss.xml"):
        get(proxy, path)
        assert get(proxy, path)[1]["X-Front-Cache"] == "hit", path  # the old copies are kept
    url = stack.run_act(portal["env"], "publish", NEW_TITLE, "e2e-flood-relief")["url"]
    for path in (url, "/", info["section"], "/feeds/notices/rss.xml"):
        assert eventually(lambda p=path: NEW_TITLE in get(proxy, p)[2], 1.0), path


def test_an_unpublished_notice_is_gone_at_once(portal):
    proxy, info = portal["proxy"], portal["info"]
    title = "关于端到端测试撤回的通知"
    url = stack.run_act(portal["env"], "publish", title, "e2e-withdrawn")["url"]
    for path in (url, info["section"]):
        get(proxy, path)
        status, headers, body = get(proxy, path)
        assert title in body and headers["X-Front-Cache"] == "hit", path
    stack.run_act(portal["env"], "unpublish", "e2e-withdrawn")
    assert get(proxy, url)[0] == 404
    assert title not in get(proxy, info["section"])[2]
    assert title not in get(proxy, "/")[2]


def test_a_newly_restricted_notice_is_gone_at_once_for_the_public(portal):
    proxy, info = portal["proxy"], portal["info"]
    title = "关于端到端测试改为党内公开的通知"
    url = stack.run_act(portal["env"], "publish", title, "e2e-restricted")["url"]
    for path in (url, info["section"], "/"):
        get(proxy, path)
        assert title in get(proxy, path)[2], path
    stack.run_act(portal["env"], "restrict", "e2e-restricted")
    status, _, body = get(proxy, url)
    assert status in (302, 403) and title not in body
    for path in (info["section"], "/", "/feeds/notices/rss.xml", "/sitemap.xml"):
        assert title not in get(proxy, path)[2], path
    # the member still reads it, and no copy of their page reaches the public
    cookie = f"sessionid={info['session']}"
    assert title in get(proxy, url, cookie=cookie)[2]
    assert title not in get(proxy, url)[2]


def test_a_members_page_is_never_served_to_anyone_else(portal):
    proxy, info = portal["proxy"], portal["info"]
    cookie = f"sessionid={info['session']}"
    for path in ("/", info["section"], info["party_notice"]):
        for _ in range(2):
            status, headers, body = get(proxy, path, cookie=cookie)
            assert status == 200, path
            assert "退出" in body, path  # the member's own header with the logout form
            assert headers["X-Front-Cache"] == "pass", path
    for path in ("/", info["section"], info["party_notice"]):
        for cookie_header in (None, "csrftoken=" + "x" * 32):
            status, _, body = get(proxy, path, cookie=cookie_header)
            assert "退出" not in body, path
            assert "党员组织关系排查" not in body, path  # the 党内 notice's title


def purge_from(source, proxy, path):
    """PURGE `path` from the client address `source` (any 127.x address is the loopback)."""
    host, port = proxy.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10,
                                  source_address=(source, 0)) as sock:
        sock.sendall(f"PURGE {path} HTTP/1.1\r\nHost: localhost\r\n"
                     "Connection: close\r\n\r\n".encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return int(reply[9:12])


def test_purge_is_accepted_from_127_0_0_1_only(portal):
    proxy, info = portal["proxy"], portal["info"]
    get(proxy, info["notice"])
    assert get(proxy, info["notice"])[1]["X-Front-Cache"] == "hit"
    assert purge_from("127.0.0.2", proxy, info["notice"]) == 405
    assert get(proxy, info["notice"])[1]["X-Front-Cache"] == "hit"
    assert purge_from("127.0.0.1", proxy, info["notice"]) == 200
    assert get(proxy, info["notice"])[1]["X-Front-Cache"] == "miss"


def test_two_app_processes_share_the_page_cache_generation(portal):
    """The portal's own page cache, no proxy: a notice published by another process shows
    at once on both app servers, which had the old pages cached (generation in Redis)."""
    info = portal["info"]
    for base in (portal["app"], portal["other"]):
        get(base, info["section"])
        assert get(base, info["section"])[1]["X-Portal-Cache"] == "hit", base
    title = "关于两个应用进程共享缓存代际的通知"
    stack.run_act(portal["env"], "publish", title, "e2e-two-processes")
    for base in (portal["app"], portal["other"]):
        status, headers, body = get(base, info["section"])
        assert title in body, base
        assert headers["X-Portal-Cache"] == "miss", base
