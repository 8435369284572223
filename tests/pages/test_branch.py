"""党组织 profiles: setting rules, terms, warnings in the admin, the report and the tree."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pages.models import BranchCommitteeMember, BranchPage
from pages.org_rules import expected_org_type, organisation_warnings
from tests.factories import BranchPageFactory, UserFactory

# Even an unsaved BranchPage looks up its content type when instantiated.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("members, expected", [
    (101, "committee"), (100, "general"), (51, "general"), (50, "branch"),
    (3, "branch"), (2, "joint"), (0, "joint"),
])
def test_expected_type_by_member_count(members, expected):
    assert expected_org_type(members) == expected


def make_org(**kwargs):
    defaults = {"org_type": "branch", "member_count": 20, "unit_count": None,
                "term_start": timezone.localdate() - datetime.timedelta(days=30), "term_years": None}
    defaults.update(kwargs)
    org = BranchPage(title="测试支部", **defaults)
    return org


def committee(*roles):
    return [BranchCommitteeMember(name=f"委员{i}", role=r) for i, r in enumerate(roles)]


def test_a_well_set_branch_has_no_warnings():
    org = make_org()
    assert organisation_warnings(org, committee("secretary", "organisation", "publicity")) == []


def test_rule_warnings():
    full = committee("secretary", "organisation", "publicity")
    assert any("100人以上设党委" in w for w in organisation_warnings(make_org(member_count=120), full))
    assert any("党总支" in w for w in organisation_warnings(make_org(member_count=60), full))
    assert any("联合党支部" in w for w in organisation_warnings(make_org(member_count=2), full))
    joint = make_org(org_type="joint", member_count=2, unit_count=6)
    assert any("一般不超过5个" in w for w in organisation_warnings(joint, full))
    assert any("支部委员会（3至5人）" in w
               for w in organisation_warnings(make_org(member_count=9), committee("secretary")))
    assert any("最多不超过7人" in w for w in organisation_warnings(
        make_org(member_count=40), committee("secretary", *["member"] * 7)))
    assert "尚未登记书记。" in organisation_warnings(make_org(), committee("organisation"))
    # A 党委 over 50 members is a legitimate choice (with approval): no type warning.
    assert organisation_warnings(make_org(org_type="committee", member_count=80), full) == []


def test_terms_default_by_type_and_overdue_badge():
    assert make_org(org_type="committee").term_length == 5
    assert make_org(org_type="branch").term_length == 3
    assert make_org(term_years=4).term_length == 4
    org = make_org(term_start=datetime.date(2020, 2, 29))
    assert org.next_election_date == datetime.date(2023, 2, 28)
    assert org.election_overdue
    assert any("应按期换届" in w for w in organisation_warnings(org, committee("secretary")))
    assert not make_org().election_overdue


def test_each_organisation_gets_a_members_group(site_tree):
    assert site_tree.branch1.members_group.name == "第一党支部党员"
    site_tree.branch1.title = "机关第一党支部"
    site_tree.branch1.save()
    site_tree.branch1.refresh_from_db()
    assert site_tree.branch1.members_group.name == "机关第一党支部党员"
    twin = BranchPageFactory(parent=site_tree.committee, title="机关第一党支部", slug="twin")
    assert twin.members_group.name == "机关第一党支部党员（2）"


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def branch_form(**overrides):
    data = {"title": "新建党支部", "slug": "new-branch", "org_type": "branch",
            "member_count": "12", "term_start": "2025-01-01", "founded_date": "2010-01-01",
            "intro": "", "body": streamfield([]), "committee": inline_formset([])}
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.parametrize("overrides, field, message", [
    ({"member_count": "-3"}, "member_count", "大于或等于"),
    ({"founded_date": "2026-01-01", "term_start": "2025-01-01"}, "term_start", "不能早于成立日期"),
    ({"term_years": "30"}, "term_years", "1至10年"),
])
def test_admin_rejects_bad_organisation_input(site_tree, admin_client, overrides, field, message):
    url = reverse("wagtailadmin_pages:add", args=("pages", "branchpage", site_tree.committee.pk))
    response = admin_client.post(url, branch_form(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors.get(field, [])), errors
    assert not BranchPage.objects.filter(slug="new-branch").exists()


def test_admin_editor_shows_rule_warnings(site_tree, admin_client):
    # The committee fixture has 120 members and no secretary registered.
    url = reverse("wagtailadmin_pages:edit", args=(site_tree.committee.pk,))
    body = admin_client.get(url).content.decode()
    assert "组织设置提示" in body and "尚未登记书记" in body


def test_admin_report_lists_all_organisations_with_warnings(site_tree, admin_client):
    response = admin_client.get(reverse("organisation_report"))
    body = response.content.decode()
    assert response.status_code == 200
    for org in (site_tree.committee, site_tree.branch1, site_tree.branch2):
        assert org.title in body
    assert "尚未登记书记" in body


def test_report_needs_admin_access(client, member1):
    client.force_login(member1)
    assert client.get(reverse("organisation_report")).status_code in (302, 403)


def test_tree_page_and_profile(client, site_tree):
    site_tree.branch1.term_start = datetime.date(2019, 1, 1)
    site_tree.branch1.save_revision().publish()
    BranchCommitteeMember.objects.create(branch=site_tree.branch1, name="赵志刚", role="secretary")
    body = client.get(site_tree.branch_index.url).content.decode()
    assert "机关党委" in body and "第一党支部" in body and "第二党支部" in body
    assert "换届已超期" in body
    profile = client.get(site_tree.branch1.url).content.decode()
    for expected in ("党支部", "机关党委", "赵志刚", "书记", "2022年01月01日", "已超期"):
        assert expected in profile, expected
