"""The roster's API: counts for the organisation-setting rules, with the profile as fallback."""

import datetime as dt

from roster import api

from .factories import RosterEntryFactory


def test_count_falls_back_to_the_profile(site_tree):
    branch = site_tree.branch1  # the profile says 12
    assert api.member_count(branch) == 12
    assert not api.has_roster(branch)
    RosterEntryFactory.create_batch(2, organisation=branch)
    assert api.member_count(branch) == 2
    assert api.member_count(branch, on=dt.date(2000, 1, 1)) == 0  # nobody had joined yet


def test_count_as_of_a_date_and_subtree(site_tree):
    RosterEntryFactory(organisation=site_tree.branch1, joined_on=dt.date(2010, 1, 1))
    RosterEntryFactory(organisation=site_tree.branch2, joined_on=dt.date(2020, 1, 1))
    assert api.member_count(site_tree.committee) == 2  # 机关党委 counts its branches
    assert api.member_count(site_tree.branch1, on=dt.date(2015, 1, 1)) == 1
    assert api.member_count(site_tree.branch2, on=dt.date(2015, 1, 1)) == 0
    counts = api.counts_by_organisation([site_tree.committee, site_tree.branch1])
    assert counts == {site_tree.committee.pk: 2, site_tree.branch1.pk: 1}


def test_setting_rules_use_the_roster(site_tree):
    from pages.models import BranchPage

    branch = BranchPage.objects.get(pk=site_tree.branch1.pk)
    branch.member_count = 80  # the profile would call for a 党总支
    branch.save()
    branch = BranchPage.objects.get(pk=branch.pk)
    assert any("党总支" in w for w in branch.setting_warnings())
    RosterEntryFactory.create_batch(5, organisation=branch)
    branch = BranchPage.objects.get(pk=branch.pk)
    assert branch.members_total == 5
    assert not any("按规定一般应设立" in w for w in branch.setting_warnings())


def test_profile_and_tree_show_the_roster_count(client, site_tree):
    RosterEntryFactory.create_batch(3, organisation=site_tree.branch1)
    body = client.get(site_tree.branch1.url).content.decode()
    assert "3 名" in body
    tree = client.get(site_tree.branch_index.url).content.decode()
    assert "党员 3 名" in tree  # 第一党支部
    assert "党员 12 名" in tree  # 第二党支部 has no roster: its profile's figure
