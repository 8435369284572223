"""Building closed campaigns with responses, without going through the form."""

from django.contrib.auth.models import Permission

from plugins.reviews.constants import CATEGORY_PUBLIC
from plugins.reviews.identity import Respondent
from plugins.reviews.models import Campaign
from plugins.reviews.submission import record_response
from plugins.reviews.tallies import build_statistics, digest

from .conftest import make_campaign


def closed_campaign(site_tree, slug="closed", published=True, votes=(("11111", "44444"),),
                    **fields):
    campaign = make_campaign(site_tree, slug=slug, opens=-20, closes=-1, **fields)
    targets = list(campaign.targets.all())
    for i, levels in enumerate(votes):
        record_response(campaign, Respondent("device", f"{slug}-{i}"), CATEGORY_PUBLIC,
                        {t.pk: lv for t, lv in zip(targets, levels, strict=True)})
    if published:
        publish(campaign)
    return Campaign.objects.prefetch_related("targets", "criteria").get(pk=campaign.pk)


def publish(campaign):
    from django.utils import timezone

    data = build_statistics(campaign).as_data()
    Campaign.objects.filter(pk=campaign.pk).update(
        published_table=data, published_digest=digest(data), results_published_at=timezone.now())


def grant(user, *codenames):
    for codename in codenames:
        app, name = codename.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app,
                                                         codename=name))
    return user
