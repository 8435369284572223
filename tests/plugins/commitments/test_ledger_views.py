"""The public ledger: filters, scope everywhere, charts under a strict CSP, pages, Word, print."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document

from plugins.commitments.choices import DONE, FAILED

from .factories import overdue_item, previous_period, published_pledge


@pytest.fixture
def ledger(site_tree, member1, member2, period):
    public_org = published_pledge(site_tree.branch1, period, n=10, content="公开事项")
    party = published_pledge(site_tree.branch2, period, n=2, scope="party", content="党内事项")
    own_org = published_pledge(site_tree.branch1, period, member=member1, n=2,
                               scope="organisation", content="本支部事项")
    old = published_pledge(site_tree.branch2, previous_period(), member=member2, n=3,
                           content="上期事项")
    return {"public": public_org, "party": party, "org": own_org, "old": old}


def rows(response):
    return response.context["page_obj"].paginator.count


def test_visitor_sees_only_public_items_everywhere(client, ledger):
    response = client.get(reverse("commitments:ledger"))
    html = response.content.decode()
    assert rows(response) == 13
    assert "公开事项" in html and "上期事项" in html
    assert "党内事项" not in html and "本支部事项" not in html
    assert response.context["total"].items == 13  # counts and charts share the scope
    assert sum(c for _, _, c in response.context["status_counts"]) == 13
    assert client.get(reverse("commitments:pledge", args=[ledger["party"].pk])).status_code == 404
    assert client.get(reverse("commitments:docx", args=[ledger["org"].pk])).status_code == 404


def test_members_see_party_and_own_organisation_items(client, ledger, member1, member2):
    client.force_login(member1)
    assert rows(client.get(reverse("commitments:ledger"))) == 17
    client.force_login(member2)  # party-wide yes, branch 1's own no
    response = client.get(reverse("commitments:ledger"))
    assert rows(response) == 15
    assert "本支部事项" not in response.content.decode()
    assert client.get(reverse("commitments:pledge", args=[ledger["org"].pk])).status_code == 404


def test_unpublished_pledges_are_not_listed(client, site_tree, member1, period):
    from plugins.commitments import workflow

    pledge = workflow.start_pledge(member1, period, "member")
    workflow.save_draft(member1, workflow.editable_revision(member1, pledge),
                        [{"content": "草稿事项", "category": "service", "measures": "x",
                          "deadline": period.end_date.isoformat(), "responsible": "x",
                          "weight": 1}], "public")
    assert "草稿事项" not in client.get(reverse("commitments:ledger")).content.decode()
    assert client.get(reverse("commitments:pledge", args=[pledge.pk])).status_code == 404


def test_a_hidden_organisation_page_hides_its_pledges(client, site_tree, ledger):
    from tests.factories import restrict_to_party

    restrict_to_party(site_tree.branch1)
    response = client.get(reverse("commitments:ledger"))
    assert "公开事项" not in response.content.decode()
    assert rows(response) == 3


@pytest.mark.parametrize("query, expected", [
    ({}, 13),
    ({"kind": "member"}, 3),
    ({"kind": "organisation"}, 10),
    ({"period": "current"}, 10),
    ({"organisation": "branch2"}, 3),
    ({"status": "overdue"}, 4),  # one moved into the past, and last period's three
    ({"overdue": "1"}, 4),
    ({"overdue": "1", "period": "current"}, 1),
    ({"status": "done"}, 1),
    ({"status": "not_started"}, 8),
    ({"q": "上期"}, 3),
    ({"period": "nonsense", "status": "bogus"}, 13),  # bad values are ignored, not errors
])
def test_filters(client, ledger, site_tree, period, query, expected):
    overdue_item(ledger["public"])
    done = ledger["public"].items.order_by("position").last()
    done.status, done.progress = DONE, 100
    done.save()
    query = dict(query)
    if query.get("period") == "current":
        query["period"] = period.pk
    if query.get("organisation") == "branch2":
        query["organisation"] = site_tree.branch2.pk
    response = client.get(reverse("commitments:ledger"), query)
    assert response.status_code == 200
    assert rows(response) == expected


def test_organisation_filter_includes_sub_organisations(client, site_tree, ledger):
    response = client.get(reverse("commitments:ledger"), {"organisation": site_tree.committee.pk})
    assert rows(response) == 13


def test_overdue_is_computed_from_the_deadline(client, ledger):
    item = overdue_item(ledger["public"])
    html = client.get(reverse("commitments:pledge", args=[ledger["public"].pk])).content.decode()
    assert "cm-status--overdue" in html
    item.status = FAILED
    item.save()
    html = client.get(reverse("commitments:pledge", args=[ledger["public"].pk])).content.decode()
    assert "cm-status--overdue" not in html


def test_charts_are_inline_svg_without_inline_styles_or_scripts(client, ledger):
    response = client.get(reverse("commitments:ledger"))
    html = response.content.decode()
    assert "<svg" in html and "cm-chart__bar" in html
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)  # only external scripts
    csp = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "/static/commitments/commitments.css" in html


def test_weighted_completion_in_the_charts(client, site_tree, period):
    pledge = published_pledge(site_tree.branch1, period, n=2)  # weights 1 and 2
    first, second = pledge.items.order_by("position")
    first.progress = 100
    first.save()
    second.progress = 25
    second.save()
    response = client.get(reverse("commitments:ledger"))
    org = response.context["by_org"][0]
    assert org.completion == 50.0  # (1×100 + 2×25) / 3
    assert "50.0%" in response.content.decode()


def test_pledge_page_print_and_word(client, ledger):
    pledge = ledger["public"]
    page = client.get(reverse("commitments:pledge", args=[pledge.pk]))
    assert page.status_code == 200 and "党组织公开承诺书" in page.content.decode()
    printed = client.get(reverse("commitments:print", args=[pledge.pk])).content.decode()
    assert "承诺单位（盖章）" in printed and "公开事项" in printed
    response = client.get(reverse("commitments:docx", args=[pledge.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "附件一" in text and "党组织公开承诺书" in text and "承诺单位（盖章）" in text
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "承诺事项", "类别", "践诺措施",
                                                    "完成时限", "责任人"]
    assert len(table.rows) == 11


def test_member_pledge_word_is_annex_two(client, ledger, member2):
    response = client.get(reverse("commitments:docx", args=[ledger["old"].pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "附件二" in text and "承诺人（签字）" in text


def test_home_panel_and_navigation(client, ledger):
    html = client.get("/").content.decode()
    assert 'data-plugin-panel="commitments"' in html
    assert f'href="{reverse("commitments:ledger")}"' in html
    assert "党内事项" not in html


def test_cached_roll_ups_follow_every_change(client, site_tree, member1, period):
    from django.utils import timezone

    from plugins.commitments import tracking

    pledge = published_pledge(site_tree.branch1, period, member=member1, n=2)
    assert client.get(reverse("commitments:ledger")).context["total"].done == 0
    tracking.record_progress(member1, pledge.items.first(), timezone.localdate(), "完成", DONE,
                             100)
    total = client.get(reverse("commitments:ledger")).context["total"]
    assert total.done == 1 and total.items == 2
    published_pledge(site_tree.branch2, period, n=3)
    assert client.get(reverse("commitments:ledger")).context["total"].items == 5
