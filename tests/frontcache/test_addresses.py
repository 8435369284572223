"""Which addresses a change purges from the front cache (caching/frontcache.py)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from caching.frontcache import ALL
from pages.models import NoticePage
from portal.plugins import Plugin, registry
from tests.factories import NoticePageFactory, SectionPageFactory, restrict_to_party

SITE = {"/feeds/notices/rss.xml", "/feeds/notices/atom.xml", "/sitemap.xml", "/search/",
        "/api/search/"}


def notice_addresses(site_tree, slug, section=None):
    section = section or site_tree.notices
    return SITE | {
        f"{section.url}{slug}/", f"{section.url}{slug}/print/",
        section.url, "/", "/catalogue/",
        f"/feeds/sections/{section.pk}/rss.xml", f"/feeds/sections/{section.pk}/atom.xml",
    }


def draft_notice(section, slug="flood-relief"):
    notice = NoticePage(title="关于开展防汛救灾捐款活动的通知", slug=slug,
                        date=datetime.date(2026, 11, 20), live=False)
    section.add_child(instance=notice)
    return notice


def test_nothing_is_purged_without_a_front_cache(site_tree, django_capture_on_commit_callbacks,
                                                settings):
    from tests.frontcache import recording

    settings.WAGTAILFRONTENDCACHE = None
    recording.PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft_notice(site_tree.notices).save_revision().publish()
    assert recording.PURGED == []


def test_publishing_purges_the_notice_its_listings_feeds_sitemap_and_tags(
        site_tree, purged, django_capture_on_commit_callbacks):
    notice = draft_notice(site_tree.notices)
    notice.tags.add("防汛")
    notice.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notice.save_revision().publish()
        assert purged.paths() == set()  # nothing before the commit
    assert callbacks
    expected = notice_addresses(site_tree, "flood-relief") | {"/tags/%E9%98%B2%E6%B1%9B/"}
    assert purged.paths() == expected
    # and nothing else: not the other 栏目 nor the other notices
    assert site_tree.cases.url not in purged.paths()
    assert site_tree.public_notice.url not in purged.paths()


def test_unpublishing_purges_the_same_addresses(site_tree, purged,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.public_notice.unpublish()
    assert purged.paths() == notice_addresses(site_tree, "public-notice")


def test_restricting_a_notice_purges_it_and_what_lists_it(site_tree, purged,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restrict_to_party(site_tree.public_notice)
    assert purged.paths() == notice_addresses(site_tree, "public-notice")
    purged.clear()
    restriction = PageViewRestriction.objects.get(page=site_tree.public_notice)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.groups.add(Group.objects.create(name="另一组"))
    assert purged.paths() == notice_addresses(site_tree, "public-notice")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert purged.paths() == notice_addresses(site_tree, "public-notice")


def test_moving_purges_the_old_and_the_new_addresses(site_tree, purged,
                                                     django_capture_on_commit_callbacks):
    archive = SectionPageFactory(parent=site_tree.notices, title="历史通知", slug="archive")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.public_notice.move(archive, pos="last-child")
    old = notice_addresses(site_tree, "public-notice")
    new = notice_addresses(site_tree, "public-notice", section=archive) | {
        site_tree.notices.url,
        f"/feeds/sections/{site_tree.notices.pk}/rss.xml",
        f"/feeds/sections/{site_tree.notices.pk}/atom.xml",
    }
    assert purged.paths() == old | new


def test_restricting_a_listing_purges_every_page_under_it(site_tree, purged,
                                                          django_capture_on_commit_callbacks):
    archive = SectionPageFactory(parent=site_tree.notices, title="历史通知", slug="archive")
    old = NoticePageFactory(parent=archive, slug="old-notice")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        restrict_to_party(archive)
    assert {archive.url, old.url, old.url + "print/", site_tree.notices.url, "/"} <= purged.paths()


def test_a_large_subtree_purges_everything_at_once(site_tree, purged, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    archive = SectionPageFactory(parent=site_tree.notices, title="历史通知", slug="archive")
    NoticePageFactory(parent=archive)
    NoticePageFactory(parent=archive)
    purged.clear()
    monkeypatch.setattr("caching.frontcache.MAX_PAGES", 1)
    with django_capture_on_commit_callbacks(execute=True):
        restrict_to_party(archive)
    assert purged.paths() == {ALL}


def test_a_top_level_section_purges_everything(site_tree, purged,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restrict_to_party(site_tree.cases)  # in the navigation of every page
    assert purged.paths() == {ALL}


def test_a_failing_proxy_does_not_undo_a_publication(site_tree, settings,
                                                     django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"down": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://127.0.0.1:9"}}  # nothing listens on the discard port
    notice = draft_notice(site_tree.notices)
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    assert NoticePage.objects.get(pk=notice.pk).live


@pytest.fixture
def probe_plugin():
    """A plugin registered at run time whose rows are the site's groups' names (any model
    of an app the plugin owns would do: the registry maps the app to the plugin)."""
    calls = []

    def paths(obj):
        calls.append(obj)
        return ["/probe/"] if obj.__class__.__name__ == "Group" else ()

    plugin = Plugin(label="probe", name="探针", front_cache_paths=paths,
                    home_panel_template="probe.html", module="django.contrib.auth")
    registry.register(plugin)
    yield calls
    registry.unregister("probe")


def test_plugin_writes_purge_what_the_plugin_names(site_tree, purged, probe_plugin,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.create(name="探针组")
    # its own address, the home page (it has a home panel), the search page and API
    assert purged.paths() == {"/probe/", "/", "/search/", "/api/search/"}


def test_plugins_add_addresses_for_pages(site_tree, purged, probe_plugin,
                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site_tree.public_notice.unpublish()
    assert any(getattr(obj, "pk", None) == site_tree.public_notice.pk for obj in probe_plugin)


def test_a_plugin_that_names_nothing_purges_everything(site_tree, purged,
                                                       django_capture_on_commit_callbacks):
    plugin = Plugin(label="silent", name="无声", module="django.contrib.auth")
    registry.register(plugin)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            Group.objects.create(name="无声组")
    finally:
        registry.unregister("silent")
    assert purged.paths() == {ALL}


@pytest.mark.requires_plugin("commitments")
def test_publishing_a_pledge_purges_the_ledger_its_pages_and_the_home_panel(
        site_tree, purged, django_capture_on_commit_callbacks):
    from tests.plugins.commitments.factories import PeriodFactory, published_pledge

    period = PeriodFactory()
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pledge = published_pledge(site_tree.branch1, period=period)
    base = f"/commitments/pledges/{pledge.pk}/"
    assert purged.paths() == {"/commitments/", base, base + "print/", base + "word.docx",
                              "/", "/search/", "/api/search/"}


def test_site_settings_footer_links_and_documents_in_use_purge_everything(
        site_tree, purged, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from portal.models import FooterLink, PortalSettings

    settings_row = PortalSettings.for_site(site_tree.home.get_site())
    purged.clear()  # made with its defaults on first read: nothing to purge
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.sponsor = "中共临江市财政局机关委员会"
        settings_row.save()
    assert purged.paths() == {ALL}
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        FooterLink.objects.create(setting=settings_row, title="临江市人民政府",
                                  url="https://www.example.gov.cn/")
    assert purged.paths() == {ALL}
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document = Document.objects.create(title="附件", file=ContentFile(b"x", name="a.pdf"))
    assert purged.paths() == set()  # new: linked from nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "附件（更正）"
        document.save()
    assert purged.paths() == {ALL}


def test_parts_of_a_page_do_not_purge_everything(site_tree, purged,
                                                 django_capture_on_commit_callbacks):
    notice = draft_notice(site_tree.notices)
    notice.tags.add("防汛")
    with django_capture_on_commit_callbacks(execute=True):
        notice.save_revision().publish()
    assert ALL not in purged.paths()
