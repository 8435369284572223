"""The scope resolver's own reads: every restriction with its page's path and its groups,
in tree order whatever order they were made in, in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.scope import ORGANISATION, PARTY, AnonymousScopeResolver, ScopeResolver
from tests.factories import restrict_to_groups


def test_restrictions_come_in_tree_order_with_their_groups(site_tree, member1):
    # Made after the site's own, on pages that come before them in the tree.
    on_cases = restrict_to_groups(site_tree.cases, site_tree.branch2.members_group,
                                  site_tree.branch1.members_group)
    on_home_branch = restrict_to_groups(site_tree.branch2, site_tree.branch2.members_group)
    resolver = ScopeResolver(member1)
    with CaptureQueriesContext(connection) as ctx:
        restrictions = resolver.restrictions
    assert len(ctx.captured_queries) == 2
    assert not any("ORDER BY" in q["sql"] and "path" in q["sql"] for q in ctx.captured_queries)
    paths = [r.page_path for r in restrictions]
    assert paths == sorted(paths) and len(paths) == 4
    by_id = {r.id: r for r in restrictions}
    assert [pk for pk, _ in by_id[on_cases.id].admitted_groups] == sorted(
        [site_tree.branch1.members_group.pk, site_tree.branch2.members_group.pk])
    assert by_id[on_home_branch.id].admitted_groups == [
        (site_tree.branch2.members_group.pk, site_tree.branch2.members_group.name)]


def test_the_same_hidden_paths_and_scopes_from_the_rows(site_tree, member1):
    restrict_to_groups(site_tree.cases, site_tree.branch2.members_group)
    member, public = ScopeResolver(member1), AnonymousScopeResolver()
    assert member.hidden_paths == [site_tree.cases.path]
    assert public.hidden_paths == sorted([site_tree.cases.path, site_tree.party_notice.path,
                                          site_tree.branch1_notice.path])
    assert member.scope_of(site_tree.party_notice).kind == PARTY
    scope = member.scope_of(site_tree.branch1_notice)
    assert scope.kind == ORGANISATION and scope.names == ("第一党支部",)
    assert member.scope_at(site_tree.cases.path) == member.scope_of(site_tree.cases)
    assert member.can_see(site_tree.branch1_notice) and not public.can_see(site_tree.party_notice)
