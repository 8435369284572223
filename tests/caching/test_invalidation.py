"""Exact invalidation: a change is on every cached page at once.

Each test first caches every channel for an anonymous visitor, then changes the
site the way an editor would, then reads every channel again.
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from caching.generation import CacheGeneration, FileGeneration
from caching.middleware import HEADER
from pages.models import NoticePage
from tests.factories import restrict_to_party

NEW_TITLE = "关于开展防汛救灾捐款活动的通知"


def channels(site_tree):
    return [
        "/",
        site_tree.notices.url,
        reverse("pages:feed_rss"),
        reverse("pages:feed_atom"),
        reverse("pages:section_feed_rss", args=(site_tree.notices.pk,)),
        "/sitemap.xml",
        "/api/search/?q=捐款",
        "/search/?q=捐款",
        reverse("pages:tag", args=("防汛",)),
    ]


def warm(client, urls):
    for url in urls:
        client.get(url)
        assert client.get(url).get(HEADER) == "hit", url


def publish_new_notice(section):
    notice = NoticePage(title=NEW_TITLE, slug="flood-relief", date=datetime.date(2026, 11, 20),
                        summary="号召党员自愿捐款。", live=False,
                        body=[("paragraph", RichText("<p>各党支部：开展捐款活动。</p>"))])
    section.add_child(instance=notice)
    notice.tags.add("防汛")
    notice.save_revision().publish()
    return NoticePage.objects.get(pk=notice.pk)


def shows(client, url, text=NEW_TITLE):
    if url == "/sitemap.xml" and text == NEW_TITLE:
        text = "/flood-relief/"  # the sitemap lists addresses, not titles
    response = client.get(url)
    return response.status_code == 200 and text in response.content.decode()


@pytest.fixture
def published(client, site_tree, page_cache):
    site_tree.public_notice.tags.add("防汛")  # so the tag page exists before
    site_tree.public_notice.save()
    urls = channels(site_tree)
    warm(client, urls)  # cached before the notice exists
    notice = publish_new_notice(site_tree.notices)
    return notice, urls


def test_new_notice_is_on_every_listing_at_once(client, published):
    notice, urls = published
    for url in urls:
        assert shows(client, url), url
    assert shows(client, notice.url)


def test_catalogue_counts_follow_at_once(client, site_tree, page_cache, settings):
    warm(client, ["/catalogue/"])
    publish_new_notice(site_tree.notices)
    cached = client.get("/catalogue/")
    settings.PORTAL_PAGE_CACHE = {"ENABLED": False}
    fresh = client.get("/catalogue/")
    assert cached.get(HEADER) == "miss"
    assert cached.content == fresh.content


def test_withdrawn_notice_vanishes_everywhere_at_once(client, published):
    notice, urls = published
    warm(client, urls + [notice.url])
    notice.unpublish()
    assert client.get(notice.url).status_code == 404
    for url in urls:
        assert not shows(client, url), url


def test_newly_restricted_notice_vanishes_everywhere_at_once(client, published):
    notice, urls = published
    warm(client, urls + [notice.url])
    restrict_to_party(notice)
    assert client.get(notice.url).status_code == 302  # to the member login
    for url in urls:
        assert not shows(client, url), url


def test_restricting_by_adding_groups_vanishes_at_once(client, published):
    """A restriction edited in place (its groups m2m) counts as a privacy change."""
    notice, urls = published
    restriction = PageViewRestriction.objects.create(
        page=notice, restriction_type=PageViewRestriction.LOGIN)
    warm(client, ["/"])
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.delete()
    assert shows(client, "/")
    party = restrict_to_party(notice)
    assert not shows(client, "/")
    party.groups.clear()
    party.delete()
    assert shows(client, "/")


def test_lifting_a_restriction_shows_the_notice_at_once(client, site_tree, page_cache):
    title = site_tree.party_notice.title
    warm(client, ["/", site_tree.notices.url])
    assert not shows(client, "/", title)
    PageViewRestriction.objects.filter(page=site_tree.party_notice).delete()
    assert shows(client, "/", title)
    assert shows(client, site_tree.notices.url, title)
    assert shows(client, site_tree.party_notice.url, title)


def test_moved_notice_leaves_its_old_section(client, published, site_tree):
    notice, urls = published
    warm(client, [site_tree.notices.url, site_tree.cases.url, notice.url])
    old_url = notice.url
    notice.move(site_tree.cases, pos="last-child")
    assert not shows(client, site_tree.notices.url)
    assert shows(client, site_tree.cases.url)
    assert client.get(old_url).status_code in (301, 404)  # Wagtail may leave a redirect


def test_deleted_notice_vanishes(client, published):
    notice, urls = published
    warm(client, urls)
    NoticePage.objects.get(pk=notice.pk).delete()
    for url in urls:
        assert not shows(client, url), url


def test_republished_edit_replaces_the_cached_title(client, published):
    notice, urls = published
    warm(client, ["/", notice.url])
    notice.title = "关于开展防汛救灾捐款活动的补充通知"
    notice.save_revision().publish()
    assert shows(client, "/", "补充通知")
    assert shows(client, notice.url, "补充通知")


def test_site_settings_change_is_shown(client, site_tree, page_cache):
    from portal.models import PortalSettings

    warm(client, ["/"])
    settings_row = PortalSettings.for_site(site_tree.home.get_site())
    settings_row.sponsor = "中共示范市财政局机关委员会办公室"
    settings_row.save()
    assert shows(client, "/", "中共示范市财政局机关委员会办公室")


def test_a_day_later_pages_are_rendered_again(client, site_tree, page_cache, monkeypatch):
    from django.utils import timezone

    warm(client, ["/"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
    assert client.get("/").get(HEADER) == "miss"


@pytest.mark.parametrize("backend", ["cache", "file"])
def test_generation_is_shared_between_processes(tmp_path, page_cache, backend):
    """Two stores over the same place stand for two worker processes."""
    if backend == "file":
        first, second = (FileGeneration(tmp_path / "generation") for _ in range(2))
    else:
        first, second = CacheGeneration("pages"), CacheGeneration("pages")
    seen = {first.current()}
    assert second.current() == first.current()
    for _ in range(5):  # quick successive bumps are all distinct
        first.bump()
        assert second.current() == first.current()
        assert first.current() not in seen
        seen.add(first.current())


def test_clear_page_cache_command(client, site_tree, page_cache):
    from django.core.management import call_command

    warm(client, ["/"])
    call_command("clear_page_cache")
    assert client.get("/").get(HEADER) == "miss"
