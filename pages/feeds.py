"""RSS and Atom feeds of notices: public items only, since feeds are read anonymously."""

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from portal.scope import AnonymousScopeResolver

from .models import NoticePage, SectionPage

FEED_SIZE = 30


class NoticeFeed(Feed):
    description_template = None

    def get_object(self, request, section_id=None):
        self.request = request
        site = Site.find_for_request(request)
        resolver = AnonymousScopeResolver()
        if section_id is None:
            return None
        section = get_object_or_404(SectionPage.objects.live(), pk=section_id)
        if site and not section.path.startswith(site.root_page.path):
            from django.http import Http404
            raise Http404
        if not resolver.can_see(section):
            from django.http import Http404
            raise Http404
        return section

    def title(self, section):
        site_name = Site.find_for_request(self.request).site_name or "党务公开网"
        return f"{site_name} - {section.title}" if section else f"{site_name} - 通知公告"

    def link(self, section):
        return section.url if section else "/"

    def description(self, section):
        return (section.intro if section and section.intro else "党务公开通知公告")

    def items(self, section):
        notices = NoticePage.objects.live()
        site = Site.find_for_request(self.request)
        if section is not None:
            notices = notices.descendant_of(section)
        elif site is not None:
            notices = notices.descendant_of(site.root_page)
        return AnonymousScopeResolver().filter(notices).order_by("-date", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description or ""

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_category_display()]


class NoticeAtomFeed(NoticeFeed):
    feed_type = Atom1Feed
    subtitle = NoticeFeed.description
