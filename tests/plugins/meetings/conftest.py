"""Fixtures for the 三会一课 plugin: the shared site tree plus a secretary and records."""

import datetime as dt

import pytest
from django.utils import timezone

from pages.models import BranchCommitteeMember
from tests.factories import UserFactory, member_of
from tests.plugin_marks import skip_unless_plugin

skip_unless_plugin("meetings")  # the whole directory, when the plugin is off

from plugins.meetings.models import MeetingRecord  # noqa: E402
from plugins.meetings.versioning import append_version  # noqa: E402

TZ = timezone.get_current_timezone()


def at(year, month, day, hour=14, minute=30):
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def make_record(org, meeting_type="committee", start=None, topic=None, user=None, **fields):
    """A record saved the way the system saves one: with its first sealed version."""
    start = start or timezone.now() - dt.timedelta(days=2)
    record = MeetingRecord.objects.create(
        organisation=org, meeting_type=meeting_type, start=start,
        end=fields.pop("end", start + dt.timedelta(hours=1, minutes=30)),
        topic=topic or f"{meeting_type}会议{start:%m%d%H%M}", place="党员活动室",
        host="赵志刚", recorder="孙丽", content="传达学习上级文件精神，研究部署本月工作。",
        **fields)
    append_version(record, user, "")
    return record


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached dashboards must not leak from one test's (rolled back) data to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.MEETINGS_PRIVATE_ROOT = tmp_path / "private"
    return settings.MEETINGS_PRIVATE_ROOT


@pytest.fixture
def secretary(site_tree):
    """赵志刚: a member of 第一党支部 and its 书记 with a linked account."""
    user = member_of(site_tree.branch1, username="secretary1", first_name="赵志刚")
    BranchCommitteeMember.objects.create(branch=site_tree.branch1, name="赵志刚",
                                         role="secretary", user=user)
    return user


@pytest.fixture
def committee_member(site_tree):
    """A member of the 机关党委 itself: a superior of both branches."""
    return member_of(site_tree.committee, username="dangwei1", first_name="王建国")


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider", first_name="群众")


def record_problems(check_files=True):
    """What verify_records reports of the records: the keyed chain, then the stored files."""
    from integrity.chain import verify_source
    from plugins.meetings import sealing
    from plugins.meetings.files import check_files as files
    from plugins.meetings.models import MeetingRecord

    problems = verify_source(sealing.SOURCE)
    if check_files:
        problems += files(MeetingRecord.objects.order_by("pk"))[1]
    return problems
