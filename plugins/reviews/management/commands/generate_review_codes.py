"""Generate a batch of one-time 评议码 for a campaign."""

from django.core.management.base import BaseCommand, CommandError

from plugins.reviews.models import Campaign, EvaluationCode


class Command(BaseCommand):
    help = "为评议活动生成一批评议码。"

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("count", type=int)

    def handle(self, *args, slug, count, **options):
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is None:
            raise CommandError(f"没有找到评议活动：{slug}")
        if not 1 <= count <= 100000:
            raise CommandError("数量应在1至100000之间。")
        batch = EvaluationCode.generate_batch(campaign, count)
        self.stdout.write(f"已为 {slug} 生成第{batch}批评议码 {count} 个。")
