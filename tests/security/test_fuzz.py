"""Property-based fuzzing (hypothesis) of the public forms and the search API:
whatever arrives, no server error and no partly written record.

The Django test client re-raises any exception a view lets escape, so "no 500" is
checked for every example; example counts stay small to keep `make test` quick.
"""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# Text with the characters that break naive code: NUL, surrogates are not valid in
# HTTP, so draw from printable Unicode plus control characters and SQL/HTML metacharacters.
nasty = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["'", '"', "%", "_", "\\", "\x00", "<script>", "' OR 1=1 --", "*",
                     "AND", "NEAR(", '"unterminated', "{}", "()", "^", "-", "::", "党" * 300]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30),
)
page_values = st.one_of(st.integers(-10**12, 10**12).map(str), nasty)


def _clean(value):
    # Surrogates cannot be encoded in a query string by the test client.
    return value.encode("utf-8", "replace").decode("utf-8")


def _expected(*values):
    """NUL cannot be stored by PostgreSQL: every database refuses it with a 400."""
    return 400 if any("\x00" in _clean(v) for v in values) else 200


@pytest.mark.django_db
@FUZZ
@given(q=nasty, types=st.lists(nasty, max_size=3), page=page_values)
def test_search_api_never_fails(site_tree, q, types, page):
    client = Client()
    response = client.get("/api/search/", {"q": _clean(q), "type": [_clean(t) for t in types],
                                           "page": _clean(page)})
    assert response.status_code == _expected(q, page, *types), response.content[:300]
    body = json.loads(response.content)
    if response.status_code == 400:
        assert "无法识别的字符" in body["error"]
        return
    assert isinstance(body["count"], int) and isinstance(body["results"], list)
    assert body["count"] >= len(body["results"])


@pytest.mark.django_db
@FUZZ
@given(q=nasty, page=page_values)
def test_search_page_never_fails(site_tree, q, page):
    response = Client().get("/search/", {"q": _clean(q), "page": _clean(page)})
    assert response.status_code == _expected(q, page)


@pytest.mark.django_db
@FUZZ
@given(username=nasty, password=nasty, next_url=nasty)
def test_member_login_never_fails_and_never_logs_in_by_accident(site_tree, member1, username,
                                                                password, next_url):
    client = Client()
    response = client.post("/member/login/", {"username": _clean(username),
                                              "password": _clean(password),
                                              "next": _clean(next_url)})
    assert response.status_code in (200, 302, 400, 403, 429)
    assert "_auth_user_id" not in client.session


reviews = pytest.mark.requires_plugin("reviews")


@reviews
@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_review_form_never_fails_and_writes_whole_responses_only(site_tree, data):
    from plugins.reviews.models import Comment, ContactDetail, Rating, Response
    from tests.plugins.reviews.conftest import answers, make_campaign, solved_captcha

    campaign = _fuzz_campaign(site_tree, make_campaign)
    cache.clear()  # rate-limit counters
    client = Client()
    client.get(f"/reviews/{campaign.slug}/")  # the device cookie, as a browser gets it
    form = {}
    valid = answers(campaign, level="1")
    for name in valid:
        form[name] = data.draw(st.one_of(st.sampled_from(["1", "2", "3", "4"]), nasty), name)
    form["category"] = data.draw(st.one_of(st.sampled_from(["public", "member"]), nasty))
    form["comment"] = data.draw(nasty)
    form["contact_phone"] = data.draw(st.one_of(st.just("13800138000"), nasty))
    if data.draw(st.booleans(), "captcha solved"):
        form.update(solved_captcha())
    else:
        form.update({"captcha_0": data.draw(nasty), "captcha_1": data.draw(nasty)})
    form = {k: _clean(v) for k, v in form.items()}
    before = Response.objects.count()
    response = client.post(f"/reviews/{campaign.slug}/", form)
    assert response.status_code in (200, 302, 400, 403, 409, 413, 429)
    added = Response.objects.count() - before
    assert added in (0, 1)
    assert (added == 1) == (response.status_code == 302)
    # Whatever was written is whole: every response has all its ratings, extras only with one.
    targets = campaign.targets.count()
    assert Rating.objects.count() == Response.objects.count() * targets
    assert Comment.objects.count() <= Response.objects.count()
    assert ContactDetail.objects.count() <= Response.objects.count()


def _fuzz_campaign(site_tree, make_campaign):
    from plugins.reviews.models import Campaign

    existing = Campaign.objects.filter(slug="fuzz").first()
    if existing is not None:
        return Campaign.objects.prefetch_related("targets", "criteria").get(pk=existing.pk)
    return make_campaign(site_tree, slug="fuzz")
