"""Write again the search index changes Elasticsearch could not take when they were made.

Run it from the scheduled work (every few minutes) on a site with ELASTICSEARCH_URL set:
each PendingIndexWrite is written from the database as it is now (an item deleted since is
removed from the index), and dropped once Elasticsearch has taken it. `update_index`
rebuilds the whole index instead.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import BulkIndexError

from search.backends.elasticsearch import synonyms
from search.models import PendingIndexWrite
from search.signals import external_backends


class Command(BaseCommand):
    help = "把 Elasticsearch 未能及时写入的检索索引变更重新写入。"

    def handle(self, *args, **options):
        backends = external_backends()
        pending = list(PendingIndexWrite.objects.order_by("pk"))
        if not backends:
            self.stdout.write("未配置 Elasticsearch（ELASTICSEARCH_URL），无需同步。")
            return
        written = failed = 0
        for row in pending:
            if (row.model, row.object_id) == (synonyms.PENDING_MODEL, synonyms.PENDING_ID):
                # the synonym list: written whole (a failure records the row again)
                row.delete()
                for backend in backends:
                    backend.sync_synonyms()
                if PendingIndexWrite.objects.filter(model=row.model,
                                                    object_id=row.object_id).exists():
                    failed += 1
                    self.stderr.write(f"{row}: 同义词集合未能写入")
                else:
                    written += 1
                continue
            try:
                model = apps.get_model(row.model)
            except LookupError:
                row.delete()  # the model's app was removed: nothing left to index
                continue
            obj = model._default_manager.filter(pk=row.object_id).first()
            try:
                for backend in backends:
                    if obj is None:
                        stub = model(pk=row.object_id)
                        backend.content_index.delete_item(stub)
                    else:
                        backend.content_index.add_item(obj)
            except (TransportError, ApiError, BulkIndexError) as error:
                failed += 1
                self.stderr.write(f"{row}: {error}")
                continue
            PendingIndexWrite.objects.filter(pk=row.pk, created_at=row.created_at).delete()
            written += 1
        self.stdout.write(f"已同步 {written} 条，失败 {failed} 条。")
        if failed:
            raise SystemExit(1)
