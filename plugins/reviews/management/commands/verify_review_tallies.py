"""Recount a campaign's results from the raw responses and compare with what was published."""

from django.core.management.base import BaseCommand, CommandError

from plugins.reviews.models import Campaign
from plugins.reviews.tallies import build_statistics
from plugins.reviews.verify import verify_campaign


class Command(BaseCommand):
    help = "按原始评议记录重新计数，核验群众评议统计表（不指定活动时核验全部）。"

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="评议活动的网址标识")

    def handle(self, *args, slugs=(), **options):
        campaigns = Campaign.objects.all()
        if slugs:
            campaigns = campaigns.filter(slug__in=slugs)
            missing = set(slugs) - set(campaigns.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"没有找到评议活动：{'、'.join(sorted(missing))}")
        failed = 0
        for campaign in campaigns.prefetch_related("targets", "criteria"):
            problems = verify_campaign(campaign)
            stats = build_statistics(campaign)
            if problems:
                failed += 1
                self.stdout.write(self.style.ERROR(f"✗ {campaign.slug}：发现 {len(problems)} 个问题"))
                for problem in problems:
                    self.stdout.write(f"  - {problem}")
            else:
                self.stdout.write(self.style.SUCCESS(
                    f"✓ {campaign.slug}：核验通过（{stats.respondents} 份评议）"))
        if failed:
            raise CommandError(f"{failed} 个评议活动核验未通过。")
