"""A restricted case is invisible to outsiders everywhere: list, facets, counts, topics, related,
site search, home panel, print, redirect."""

import re

import pytest

from tests.factories import member_of, restrict_to_groups, restrict_to_party

from .conftest import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(library, cases, site_tree):
    """A case of field 学校 and tag 保密标签, sharing terms with c1/c2, visible to branch1 only."""
    case = make_case(library, "secret", "学校网格化党员联户秘密案例", field="school",
                     innovation_type="form", tags=["保密标签", "网格化", "三会一课"],
                     text="学校党委推行网格化治理，党员联户走访，网格化治理收集诉求。")
    site_tree.branch1.refresh_from_db()
    restrict_to_groups(case, site_tree.branch1.members_group)
    return case


def _body(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_outsider_sees_no_trace_in_the_library(client, library, secret):
    body = _body(client, library.url)
    assert "秘密案例" not in body and "保密标签" not in body and "学校" not in body
    assert re.search(r"data-case-count>6<", body)
    body = _body(client, library.url, tag="保密标签")
    assert "data-case-count>0<" in body
    body = _body(client, library.url, q="秘密")
    assert "data-case-count>0<" in body
    body = _body(client, library.url + "topic/sanhui/")
    assert "data-case-count>3<" in body and "秘密案例" not in body
    assert "topic/sanhui/" in _body(client, library.url)  # topics are listed in the side bar
    assert "秘密案例" not in _body(client, library.url + "print/")


def test_member_of_another_branch_sees_nothing(client, library, secret, site_tree):
    client.force_login(member_of(site_tree.branch2, username="other"))
    body = _body(client, library.url)
    assert "秘密案例" not in body and "data-case-count>6<" in body


def test_member_in_scope_sees_it_counted(client, library, secret, site_tree):
    client.force_login(member_of(site_tree.branch1, username="insider"))
    body = _body(client, library.url)
    assert "秘密案例" in body and "data-case-count>7<" in body and "保密标签" in body
    assert "本组织公开" in body


def test_related_cases_never_show_it_to_outsiders(client, library, secret, cases, site_tree):
    body = _body(client, cases[0].url)
    assert "秘密案例" not in body
    client.force_login(member_of(site_tree.branch1, username="insider"))
    assert "秘密案例" in _body(client, cases[0].url)


def test_site_search_and_home_panel_respect_scope(client, library, secret, site_tree):
    body = _body(client, "/search/", q="秘密", type="case")
    assert "秘密案例" not in body
    assert "秘密案例" not in _body(client, "/")
    client.force_login(member_of(site_tree.branch1, username="insider"))
    assert "秘密案例" in _body(client, "/search/", q="秘密", type="case")


def test_restricted_library_is_not_the_nav_target(client, library, cases):
    assert client.get("/case-library/").status_code == 302
    restrict_to_party(library)
    response = client.get("/case-library/")
    # The visitor gets the empty state, never a redirect into the restricted library.
    assert response.status_code == 200
    assert "尚未建立或暂无公开内容" in response.content.decode()


def test_library_scope_shortcut_agrees_with_the_resolver(library, secret, site_tree):
    """visible_cases() uses a cheaper form of the scope filter; it must give the same rows."""
    from plugins.cases.models import InnovationCasePage
    from portal.scope import AnonymousScopeResolver, ScopeResolver

    insider = member_of(site_tree.branch1, username="insider")
    outsider = member_of(site_tree.branch2, username="outsider")
    restrict_to_party(site_tree.public_notice)  # a restriction elsewhere in the tree
    for resolver in (AnonymousScopeResolver(), ScopeResolver(insider), ScopeResolver(outsider)):
        expected = set(resolver.filter(InnovationCasePage.objects.live().descendant_of(library))
                       .values_list("pk", flat=True))
        assert set(library.visible_cases(resolver).values_list("pk", flat=True)) == expected
    restrict_to_party(library)
    assert not library.visible_cases(AnonymousScopeResolver()).exists()
    assert library.visible_cases(ScopeResolver(insider)).count() == 7


def test_restricted_case_page_and_print_view_are_refused(client, secret, site_tree):
    assert client.get(secret.url).status_code == 302  # to the member login
    assert client.get(secret.url + "print/").status_code == 302
    client.force_login(member_of(site_tree.branch2, username="other"))
    assert client.get(secret.url + "print/").status_code == 403
    client.force_login(member_of(site_tree.branch1, username="insider"))
    assert client.get(secret.url + "print/").status_code == 200


def test_home_panel_is_kept_per_audience(client, library, cases, site_tree):
    """The panel comes from `{% cache %}` keyed per audience: a branch's case never shows
    to a member of another branch, before or after the branch member's copy is kept."""
    key_case = make_case(library, "key", "支部重点推荐秘密案例", recommendation=3)
    site_tree.branch1.refresh_from_db()
    restrict_to_groups(key_case, site_tree.branch1.members_group)

    client.force_login(member_of(site_tree.branch1, username="insider"))
    for _ in range(2):  # rendered, then kept
        assert "支部重点推荐秘密案例" in _body(client, "/")
    client.force_login(member_of(site_tree.branch2, username="outsider"))
    for _ in range(2):
        body = _body(client, "/")
        assert "支部重点推荐秘密案例" not in body and "创新案例" in body
    client.logout()
    assert "支部重点推荐秘密案例" not in _body(client, "/")
