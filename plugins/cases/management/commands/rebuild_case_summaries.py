"""Rebuild the library page's CaseSummary rows from the stored cases."""

from django.core.management.base import BaseCommand

from plugins.cases.summary import rebuild


class Command(BaseCommand):
    help = "Rebuild the 创新案例 library's summary rows (one per live case) from the pages."

    def handle(self, *args, **options):
        rebuild(self.stdout)
