"""Scope leaks across the plugin channels, for the three readers of
tests/pages/test_scope_channels.py: anonymous, a member of another branch, a member of
the same branch. Core channels are covered there; this adds the plugin pages, their
print views and the search API."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.plugin_marks import skip_unless_plugin

READERS = ["anonymous", "other_branch", "same_branch"]


@pytest.fixture(params=READERS)
def reader(request, client, site_tree, member1, member2):
    if request.param == "other_branch":
        client.force_login(member2)
    elif request.param == "same_branch":
        client.force_login(member1)
    return request.param, client


def search_titles(client, query):
    body = client.get("/api/search/", {"q": query}).json()
    return " ".join(hit["title"] + " " + (hit.get("snippet") or "") for hit in body["results"])


# -- 群众评议 results (通报) ----------------------------------------------------------------------
@pytest.fixture
def published_campaigns(site_tree):
    skip_unless_plugin("reviews")
    from plugins.reviews.constants import SCOPE_ORGANISATION, SCOPE_PARTY, SCOPE_PUBLIC
    from tests.plugins.reviews.conftest import make_campaign

    now = timezone.now()
    made = {}
    for key, scope, title in [("public", SCOPE_PUBLIC, "面向社会的评议通报甲"),
                              ("party", SCOPE_PARTY, "党内评议通报乙"),
                              ("branch1", SCOPE_ORGANISATION, "第一支部评议通报丙")]:
        campaign = make_campaign(site_tree, slug=f"scope-{key}", title=title, opens=-40,
                                 closes=-10, publication_scope=scope,
                                 scope_organisation=site_tree.branch1 if key == "branch1" else None)
        type(campaign).objects.filter(pk=campaign.pk).update(
            results_published_at=now - dt.timedelta(days=1))
        made[key] = campaign
    return made


def visible_keys(kind):
    return {"anonymous": {"public"}, "other_branch": {"public", "party"},
            "same_branch": {"public", "party", "branch1"}}[kind]


def test_review_results_pages(reader, published_campaigns):
    kind, client = reader
    for key, campaign in published_campaigns.items():
        response = client.get(f"/reviews/{campaign.slug}/results/")
        if key in visible_keys(kind):
            assert response.status_code == 200, (kind, key)
            assert campaign.title in response.content.decode()
        else:
            assert response.status_code in (302, 403, 404), (kind, key)
            assert campaign.title not in response.content.decode(), (kind, key)


def test_review_index_lists_only_visible_results(reader, published_campaigns):
    kind, client = reader
    body = client.get("/reviews/").content.decode()
    for key, campaign in published_campaigns.items():
        assert (campaign.title in body) == (key in visible_keys(kind)), (kind, key)


def test_review_results_in_search_api(reader, published_campaigns, search_backend):
    kind, client = reader
    found = search_titles(client, "评议通报")
    for key, campaign in published_campaigns.items():
        if key not in visible_keys(kind):
            assert campaign.title not in found, (kind, key)


# -- 三会一课 minutes -------------------------------------------------------------------------------
@pytest.fixture
def branch1_minutes(site_tree, settings, tmp_path):
    skip_unless_plugin("meetings")
    from tests.plugins.meetings.conftest import make_record

    settings.MEETINGS_PRIVATE_ROOT = tmp_path / "private"
    return make_record(site_tree.branch1, topic="第一支部秘密议题研讨")


def test_meeting_minutes_detail_and_print(reader, branch1_minutes):
    kind, client = reader
    for suffix in ("", "print/"):
        response = client.get(f"/meetings/record/{branch1_minutes.pk}/{suffix}")
        body = response.content.decode()
        if kind == "same_branch":
            assert response.status_code == 200 and "第一支部秘密议题研讨" in body
        else:
            assert response.status_code in (302, 403, 404), (kind, suffix)
            assert "第一支部秘密议题研讨" not in body


def test_meeting_minutes_never_reach_search(reader, branch1_minutes, search_backend):
    kind, client = reader
    assert "秘密议题" not in search_titles(client, "秘密议题研讨")
    # The page repeats the query in its heading; the record itself must not be linked.
    page = client.get("/search/", {"q": "秘密议题研讨"}).content.decode()
    assert f"/meetings/record/{branch1_minutes.pk}/" not in page


# -- 承诺践诺 pledges ------------------------------------------------------------------------------
@pytest.fixture
def scoped_pledges(site_tree):
    skip_unless_plugin("commitments")
    from tests.plugins.commitments.factories import PeriodFactory, published_pledge

    period = PeriodFactory()
    made = {}
    for key, scope, org in [("public", "public", site_tree.committee),
                            ("party", "party", site_tree.branch2),
                            ("branch1", "organisation", site_tree.branch1)]:
        made[key] = published_pledge(org, period=period, scope=scope, n=1,
                                     content=f"承诺探针{key}事项")
    return made


def test_pledge_pages_ledger_export_and_search(reader, scoped_pledges, search_backend):
    kind, client = reader
    ledger = client.get("/commitments/").content.decode()
    found = search_titles(client, "承诺探针")
    for key, pledge in scoped_pledges.items():
        marker = f"承诺探针{key}事项"
        visible = key in visible_keys(kind)
        assert (marker in ledger) == visible, (kind, key, "ledger")
        for suffix in ("", "print/"):
            response = client.get(f"/commitments/pledges/{pledge.pk}/{suffix}")
            body = response.content.decode()
            if visible:
                assert response.status_code == 200 and marker in body, (kind, key, suffix)
            else:
                assert response.status_code in (302, 403, 404), (kind, key, suffix)
                assert marker not in body, (kind, key, suffix)
        word = client.get(f"/commitments/pledges/{pledge.pk}/word.docx")
        assert (word.status_code == 200) == visible, (kind, key, "docx")
        if not visible:
            assert marker not in found, (kind, key, "search")
