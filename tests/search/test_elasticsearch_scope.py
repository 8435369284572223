"""On Elasticsearch, each audience finds exactly what each provider's visible() gives it.

The demo site (every plugin's demo data included) holds items of every kind in every scope:
public, 党内 and one-organisation notices and 承诺书, drafts, withdrawn and unpublished
items, 通报 published and not. For an anonymous visitor, a member of another branch, a
member of the branch, a secretary and a superuser, the set of items the index returns with
the scope filter alone (no text match) must equal the provider's visible() queryset, and
every state change made through the application reaches the index at once.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from pages.demo.loader import DemoLoader
from portal.plugins import registry
from portal.scope import ScopeResolver
from search.backends.elasticsearch.queries import build_visible
from search.providers import all_providers

# Elasticsearch only: it is compared with the database, whatever the run's database is.
pytestmark = [pytest.mark.django_db,
              pytest.mark.parametrize("search_backend", ["elasticsearch"], indirect=True)]

AUDIENCES = [None, "member2", "member1", "secretary1", "admin"]


def vary_scopes():
    """Give the demo's 承诺书 and 通报 every scope and state (the demo publishes them all)."""
    from django.utils import timezone

    from pages.models import BranchPage
    from plugins.commitments.models import Pledge
    from plugins.reviews.models import Campaign
    from portal.scope import ORGANISATION, PARTY

    branch = BranchPage.objects.get(members_group__user__username="member1")
    published = Pledge.objects.filter(published_revision__gt=0)
    own = published.filter(organisation=branch).first()  # member1's branch: they see it
    others = list(published.exclude(organisation=branch).order_by("pk")[:3])
    assert own is not None and len(others) == 3
    for pledge, field, value in [(own, "scope", ORGANISATION), (others[0], "scope", PARTY),
                                 (others[1], "scope", ORGANISATION),
                                 (others[2], "published_revision", 0)]:
        setattr(pledge, field, value)
        pledge.save()
    campaigns = list(Campaign.objects.order_by("pk"))
    assert len(campaigns) >= 2
    now = timezone.now()
    first, second = campaigns[0], campaigns[1]
    first.publication_scope, first.results_published_at = PARTY, now
    first.closes_at = min(first.closes_at, now)
    first.save()
    second.publication_scope, second.scope_organisation = ORGANISATION, branch
    second.results_published_at, second.closes_at = now, min(second.closes_at, now)
    second.save()
    for later in campaigns[2:3]:  # published, but its campaign closes tomorrow
        later.results_published_at = now
        later.closes_at = now + timezone.timedelta(days=1)
        later.save()


@pytest.fixture
def demo_site(search_backend):
    DemoLoader().run()
    for plugin in registry.enabled():
        if plugin.demo_loader:
            plugin.demo_loader(None)
    User = get_user_model()
    User.objects.create_superuser("admin", "admin@example.org", "x")
    vary_scopes()
    call_command("update_index", backend_name="elasticsearch", verbosity=0)
    return get_search_backend("elasticsearch")


def resolver_for_name(name):
    user = get_user_model().objects.get(username=name) if name else None
    return ScopeResolver(user)


def indexed_visible(backend, resolver):
    response = build_visible(backend.index_name, resolver).using(backend.client).execute()
    found = {}
    for hit in response.hits:
        found.setdefault(hit.type, set()).add(int(hit.object_id))
    return found


def database_visible(resolver):
    return {provider.key: set(provider.visible(resolver).values_list("pk", flat=True))
            for provider in all_providers()}


def assert_same_scope(backend):
    for name in AUDIENCES:
        resolver = resolver_for_name(name)
        indexed = indexed_visible(backend, resolver)
        for key, expected in database_visible(resolver).items():
            assert indexed.get(key, set()) == expected, (name, key)


def test_every_audience_sees_exactly_what_visible_gives(demo_site):
    keys = {p.key for p in all_providers()}
    assert {"notice", "commitment", "reviews"} <= keys  # the plugins' kinds are covered
    totals = database_visible(resolver_for_name("admin"))
    assert totals["commitment"] and totals["reviews"]  # the demo has items of both
    anonymous = database_visible(resolver_for_name(None))
    assert len(anonymous["commitment"]) < len(totals["commitment"])  # some are not public
    assert len(anonymous["reviews"]) < len(totals["reviews"])
    assert_same_scope(demo_site)


def test_state_changes_reach_the_index_at_once(demo_site):
    from plugins.commitments.models import Pledge
    from portal.scope import PARTY, PUBLIC

    # A public 承诺书 made 党内, then withdrawn from publication.
    pledge = Pledge.objects.filter(published_revision__gt=0, scope=PUBLIC).first()
    pledge.scope = PARTY
    pledge.save()
    assert_same_scope(demo_site)
    pledge.published_revision = 0
    pledge.save()
    assert_same_scope(demo_site)

    # A notice unpublished, another restricted to 全体党员, one deleted, a section moved.
    from pages.models import NoticePage, SectionPage
    from tests.factories import restrict_to_party

    notices = list(NoticePage.objects.live().order_by("pk")[:3])
    notices[0].unpublish()
    restrict_to_party(notices[1])
    notices[2].delete()
    assert_same_scope(demo_site)
    sections = list(SectionPage.objects.order_by("pk"))
    restrict_to_party(sections[0])
    sections[1].move(sections[0], pos="last-child")
    assert_same_scope(demo_site)
