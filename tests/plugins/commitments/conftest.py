import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory, member_of
from tests.plugin_marks import skip_unless_plugin

skip_unless_plugin("commitments")  # the whole directory, when the plugin is off

from .factories import PeriodFactory, make_secretary  # noqa: E402


@pytest.fixture
def period(db):
    return PeriodFactory()


@pytest.fixture
def secretary1(site_tree):
    """书记 of branch 1 (a member of it too), with a linked account."""
    user = member_of(site_tree.branch1, username="secretary1", first_name="赵志刚")
    make_secretary(site_tree.branch1, user)
    return user


@pytest.fixture
def committee_secretary(site_tree):
    """书记 of the 机关党委: approves the branches' own 承诺书."""
    user = member_of(site_tree.committee, username="committee-secretary", first_name="王建国")
    make_secretary(site_tree.committee, user)
    return user


@pytest.fixture
def outsider(db):
    """A logged-in account that is not a party member."""
    return UserFactory(username="visitor", groups=[Group.objects.get_or_create(name="信息员")[0]])


@pytest.fixture(autouse=True)
def _fresh_summary_cache():
    """Roll-ups are kept per page-cache generation; start each test with none kept."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
