"""The ledger's roll-ups, kept per cache generation, filter and scope, are never shared
across scopes or stale.

These tests commit their data (transactional), so the second request of a kind reads the
kept roll-ups -- the path the ledger page takes in production.
"""

import pytest
from django.urls import reverse

from plugins.commitments.choices import DONE

from .factories import published_pledge

pytestmark = pytest.mark.django_db(transaction=True)
URL = "/commitments/"


@pytest.fixture
def ledger(site_tree, member1, period):
    return {
        "public": published_pledge(site_tree.branch1, period, n=10, content="公开事项"),
        "party": published_pledge(site_tree.branch2, period, n=2, scope="party",
                                  content="党内事项"),
        "org": published_pledge(site_tree.branch1, period, member=member1, n=2,
                                scope="organisation", content="本支部事项"),
    }


def _count(response):
    return response.context["page_obj"].paginator.count


def test_each_scope_and_filter_has_its_own_figures(client, ledger, member1):
    for _ in range(2):  # the second request reads the kept roll-ups
        response = client.get(URL)
        html = response.content.decode()
        assert _count(response) == 10 and html.count("公开事项") == 10
        assert "党内事项" not in html and "本支部事项" not in html
    client.force_login(member1)
    html = client.get(URL).content.decode()
    assert "党内事项" in html and "本支部事项" in html and html.count("公开事项") == 10
    assert "公开事项" not in client.get(URL, {"kind": "member"}).content.decode()
    client.logout()
    html = client.get(URL).content.decode()
    assert "党内事项" not in html and "本支部事项" not in html


def test_changes_show_at_once(client, ledger, site_tree):
    from tests.factories import restrict_to_party

    client.get(URL)
    item = ledger["public"].items.order_by("position").first()
    item.status, item.progress = DONE, 100
    item.save()
    html = client.get(URL).content.decode()
    assert 'cm-status--done' in html and 'width="100"' in html
    restrict_to_party(site_tree.branch1)  # its pledges leave the public ledger
    response = client.get(URL)
    assert _count(response) == 0 and "公开事项" not in response.content.decode()


def test_pages_have_their_own_rows(client, site_tree, period):
    published_pledge(site_tree.branch1, period, n=60, content="事项")
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()
    assert first.count('data-label="序号"') == 50 and second.count('data-label="序号"') == 10
    assert 'data-label="序号">51<' in second
    assert client.get(URL, {"page": 2}).content.decode() == second
    assert reverse("commitments:ledger") == URL
