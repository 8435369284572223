"""Shared fixtures: a small site tree with two branches and scoped notices, and the search
backends every search and scope test runs on."""

import os
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page, Site

from .factories import (
    BranchIndexPageFactory,
    BranchPageFactory,
    HomePageFactory,
    NoticePageFactory,
    SectionPageFactory,
    member_of,
    restrict_to_groups,
    restrict_to_party,
)
from .plugin_marks import missing_plugins, skip_reason

# No timed assertions in unit tests: Hypothesis's per-example deadline and its "input
# generation is slow" check fail on a busy machine, not on a wrong result.
hypothesis_settings.register_profile("portal", deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("portal")


@dataclass
class SiteTree:
    home: object
    notices: object  # 通知公告 section
    cases: object  # 经验交流 section
    branch_index: object
    committee: object  # 机关党委
    branch1: object
    branch2: object
    public_notice: object
    party_notice: object
    branch1_notice: object


def ensure_wagtail_base_data():
    """Recreate what Wagtail's data migrations made, if a transactional flush removed it."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root",
                      content_type=ContentType.objects.get_for_model(Page))
    from pages.roles import ensure_groups

    ensure_groups()


def build_site():
    ensure_wagtail_base_data()
    root = Page.get_first_root_node()
    # Replace Wagtail's welcome page (and the default site that points to it).
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "党务公开网"},
    )
    notices = SectionPageFactory(parent=home, title="通知公告", slug="notices", show_in_menus=True)
    cases = SectionPageFactory(parent=home, title="经验交流", slug="cases", show_in_menus=True)
    branch_index = BranchIndexPageFactory(parent=home, slug="orgs", show_in_menus=True)
    committee = BranchPageFactory(parent=branch_index, title="机关党委", slug="committee",
                                  org_type="committee", member_count=120)
    branch1 = BranchPageFactory(parent=committee, title="第一党支部", slug="branch-1")
    branch2 = BranchPageFactory(parent=committee, title="第二党支部", slug="branch-2")
    public_notice = NoticePageFactory(parent=notices, title="关于试行三会一课观察员制度的通知",
                                      slug="public-notice")
    party_notice = NoticePageFactory(parent=notices, title="关于党员组织关系排查的党内通知",
                                     slug="party-notice")
    restrict_to_party(party_notice)
    branch1_notice = NoticePageFactory(parent=notices, title="第一党支部支委会会议纪要",
                                       slug="branch1-notice")
    branch1.refresh_from_db()
    restrict_to_groups(branch1_notice, branch1.members_group)
    return SiteTree(home, notices, cases, branch_index, committee, branch1, branch2,
                    public_notice, party_notice, branch1_notice)


@pytest.fixture(scope="session", autouse=True)
def _empty_shared_cache():
    """A Redis cache (REDIS_URL set) outlives the run: start from an empty one, so no rate
    limit or cached page of an earlier run leaks in. Local-memory caches start empty."""
    from django.conf import settings
    from django.core.cache import caches

    if getattr(settings, "REDIS_URL", ""):
        caches["default"].clear()


@pytest.fixture
def site_tree(db):
    return build_site()


@pytest.fixture
def committed_tree(transactional_db, settings):
    """The test site, committed, with the page cache off: every request renders the page
    -- an uncached page's production path."""
    settings.PORTAL_PAGE_CACHE = {
        "ENABLED": False,
        "CACHE": "pages",
        "GENERATION": {"BACKEND": "caching.generation.CacheGeneration", "OPTIONS": {}},
    }
    yield build_site()


@pytest.fixture
def member1(site_tree):
    return member_of(site_tree.branch1, username="member1")


@pytest.fixture
def member2(site_tree):
    return member_of(site_tree.branch2, username="member2")


ELASTICSEARCH_SKIP = ("ELASTICSEARCH_URL is not set: the Elasticsearch half of the search "
                      "and scope tests needs a node (make elasticsearch)")


def elasticsearch_settings(url, prefix):
    return {
        "WAGTAILSEARCH_BACKENDS": {
            "default": {"BACKEND": "search.backends.database"},
            "elasticsearch": {"BACKEND": "search.backends.elasticsearch", "URLS": [url],
                              "INDEX_PREFIX": prefix, "REFRESH_WRITES": True, "TIMEOUT": 30},
        },
        "PORTAL_SEARCH_ENGINE": {"BACKEND": "search.engines.elasticsearch.ElasticsearchEngine",
                                 "OPTIONS": {"BACKEND_NAME": "elasticsearch"}},
    }


def index_everything(backend):
    """Write every searchable item saved so far (before the backend was switched on)."""
    from search.providers import all_providers

    for provider in all_providers():
        items = provider.model_class._default_manager.all()
        if provider.is_page:
            items = items.specific()
        items = list(items)
        if items:
            backend.content_index.add_items(provider.model_class, items)


@pytest.fixture(params=["database", "elasticsearch"])
def search_backend(request, settings):
    """The public search on the database backend (SQLite or PostgreSQL, whichever the run
    uses), then on Elasticsearch when ELASTICSEARCH_URL is set: a fresh index of this test's
    own, filled with what exists and kept current by Wagtail's signal handlers."""
    if request.param == "database":
        yield "database"
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip(ELASTICSEARCH_SKIP)
    from wagtail.search.backends import get_search_backend

    if "transactional_db" not in request.fixturenames:
        request.getfixturevalue("db")  # the index starts from what the database holds
    for name, value in elasticsearch_settings(url, f"test{os.getpid()}_").items():
        setattr(settings, name, value)
    backend = get_search_backend("elasticsearch")
    backend.content_index.reset()
    index_everything(backend)
    yield "elasticsearch"
    backend.drop_all()


def pytest_collection_modifyitems(config, items):
    """@pytest.mark.requires_plugin("name", ...): skipped, naming the plugin, when it is off
    (tests/plugin_marks.py)."""
    for item in items:
        names = [name for mark in item.iter_markers("requires_plugin") for name in mark.args]
        missing = missing_plugins(names) if names else []
        if missing:
            item.add_marker(pytest.mark.skip(reason=skip_reason(missing)))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say loudly when browser or Elasticsearch tests were skipped for want of a server, and
    which plugins were switched off."""
    skipped = terminalreporter.stats.get("skipped", [])
    reasons = [str(getattr(r, "longrepr", "")) for r in skipped]
    from portal.plugin_loader import available_plugins
    from portal.plugins import registry

    off = sorted(set(available_plugins()) - {p.label for p in registry.enabled()})
    if off:
        count = sum("plugin switched off" in reason for reason in reasons)
        terminalreporter.write_sep(
            "-", f"plugins switched off: {', '.join(off)} ({count} skips name them)")
    if any("Chromium not found" in reason for reason in reasons):
        terminalreporter.write_sep("!", "BROWSER TESTS WERE SKIPPED: Chromium is not installed", red=True)
    if any("ELASTICSEARCH_URL is not set" in reason for reason in reasons):
        terminalreporter.write_sep(
            "!", "ELASTICSEARCH TESTS WERE SKIPPED: no node (make elasticsearch, or set "
                 "ELASTICSEARCH_URL)", red=True)
