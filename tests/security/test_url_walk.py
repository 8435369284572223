"""Every URL pattern of the site, walked with hostile values (hypothesis): no 500.

The URLconf is resolved at test time, so a pattern added later is walked too. Path
converters are filled with hostile values (huge numbers, NUL, broken escapes, markup,
SQL), hostile query parameters are added -- the parameter names views read are taken
from the source -- and each URL is asked for with GET and POST, as an anonymous visitor
and as a logged-in member. The Django test client re-raises any exception a view lets
escape, so an uncaught error fails the test as a 500 would. Text no database can store
(NUL, broken UTF-8) must get the 400 with the Chinese message.

Runs on SQLite in `make test` and on PostgreSQL with DATABASE_URL set.
"""

import re
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.text_guard import MESSAGE

ROOT = Path(__file__).resolve().parents[2]
WALK = settings(max_examples=3, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")
BROKEN = ["%00", "a%00b", "%ff", "%ed%a0%80", "%c3", "%e4%b8"]


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            if isinstance(pattern.pattern, RegexPattern) or prefix.startswith("^"):
                yield "regex", prefix + str(pattern.pattern)
            else:
                yield "route", prefix + str(pattern.pattern)


PATTERNS = sorted(set(_walk(get_resolver().url_patterns)))
SITE_PATTERNS = [p for p in PATTERNS if not p[1].startswith("admin/")]
ADMIN_PATTERNS = [p for p in PATTERNS if p[1].startswith("admin/")]


def _parameter_names():
    """The names views read from request.GET / request.POST, found in the source."""
    found = {"q", "page", "tag", "type", "next", "format", "year", "org", "status"}
    reader = re.compile(r"""(?:GET|POST|query_params)(?:\.get|\.getlist)?[(\[]\s*["'](\w+)["']""")
    for folder in ("portal", "pages", "members", "search", "plugins", "caching"):
        for path in (ROOT / folder).rglob("*.py"):
            found.update(reader.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


PARAMETERS = _parameter_names()

text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20),
    st.sampled_from(["'", '"', "%", "\\", "<script>", "' OR 1=1 --", "../..", "党" * 300,
                     "-1", "0", "1", "2", "99999999999999999999999", "1e309", "NaN", "null",
                     "2026-13-45", "\x00", "a\x00b", "\u202e", "\r\n"]),
)
number = st.one_of(st.integers(0, 40), st.integers(0, 10**22))


def _quoted(value):
    return quote(value.encode("utf-8", "replace"), safe="")


@st.composite
def paths(draw, kind, pattern):
    if kind == "regex":
        body = pattern.lstrip("^").rstrip("$").replace("^", "").replace("$", "")
        generated = draw(st.from_regex(re.compile(body, re.ASCII), fullmatch=True))
        value = "/" + _quoted(generated).replace("%2F", "/")
    else:
        def fill(match):
            if match.group("kind") == "int":
                return str(draw(number))
            return draw(st.one_of(text.map(_quoted).filter(bool), st.sampled_from(BROKEN)))
        value = "/" + CONVERTER.sub(fill, pattern)
    return value


@st.composite
def queries(draw):
    names = draw(st.lists(st.sampled_from(PARAMETERS), max_size=4))
    pairs = [(name, draw(text)) for name in names]
    query = urlencode([(k, v.encode("utf-8", "replace")) for k, v in pairs])
    if draw(st.booleans()):
        query += ("&" if query else "") + draw(st.sampled_from(PARAMETERS)) + "=" + \
            draw(st.sampled_from(BROKEN))
    return query


def _has_invalid_text(path, query):
    from urllib.parse import unquote_to_bytes

    for raw in [path] + query.split("&"):
        data = unquote_to_bytes(raw.replace("+", " "))
        if b"\x00" in data:
            return True
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


def _check(response, path, query):
    assert response.status_code < 500, (path, query, response.status_code)
    if _has_invalid_text(path, query):
        assert response.status_code == 400, (path, query, response.status_code)
        assert MESSAGE in response.content.decode("utf-8"), (path, query)


@pytest.fixture
def walk_data(site_tree):
    """A few objects of each plugin, so ids 1..40 hit real detail views too."""
    from tests.factories import member_of

    member = member_of(site_tree.branch1, username="walker")
    if apps.is_installed("plugins.commitments"):
        from tests.plugins.commitments.factories import published_pledge

        published_pledge(site_tree.branch1, scope="public")
        published_pledge(site_tree.branch1, member=member, scope="organisation")
    if apps.is_installed("plugins.meetings"):
        from tests.plugins.meetings.conftest import make_record

        make_record(site_tree.branch1)
    return member


def _clients(member):
    signed_in = Client()
    signed_in.force_login(member)
    return {"anonymous": Client(), "member": signed_in}


def _ask(clients, path, query, form):
    for client in clients.values():
        _check(client.get(path + ("?" + query if query else "")), path, query)
        response = client.post(path + ("?" + query if query else ""), data=form,
                               content_type="application/x-www-form-urlencoded")
        _check(response, path, query + "&" + form)


@pytest.mark.django_db
@pytest.mark.parametrize("kind,pattern", SITE_PATTERNS, ids=[p for _, p in SITE_PATTERNS])
def test_every_site_url_survives_hostile_values(walk_data, kind, pattern):
    clients = _clients(walk_data)

    @WALK
    @given(path=paths(kind, pattern), query=queries(), form=queries())
    def walk(path, query, form):
        _ask(clients, path, query, form)

    walk()


@pytest.mark.django_db
def test_every_admin_url_survives_hostile_values(walk_data):
    """The admin's 300-odd patterns, each once with a hostile fill, for both audiences."""
    clients = _clients(walk_data)
    for index, (kind, pattern) in enumerate(ADMIN_PATTERNS):
        path = "/" + CONVERTER.sub(
            lambda match, i=index: str(10**20) if match.group("kind") == "int"
            else BROKEN[i % len(BROKEN)], pattern)
        if kind == "regex":
            path = "/admin/%00/"
        _ask(clients, path, "q=a%00b" if index % 2 else "q=%27&p=-1", "q=%ff")


def test_the_walk_covers_the_plugins_and_the_page_tree():
    routes = {pattern for _, pattern in PATTERNS}
    assert "tags/<str:slug>/" in routes
    assert any(kind == "regex" and pattern.endswith("$") for kind, pattern in PATTERNS)
    for label in ("commitments", "meetings", "reviews"):
        if apps.is_installed(f"plugins.{label}"):
            assert any(route.startswith(f"{label}/") for route in routes), label
