"""Index writes an external search engine could not take when they were made."""

from django.db import models


class PendingIndexWrite(models.Model):
    """An item whose Elasticsearch document could not be written or deleted (the server was
    down or slow). `python manage.py search_sync` writes it again from the database, and
    `update_index` rebuilds everything, so no change is lost for good."""

    model = models.CharField("模型", max_length=100)  # "app_label.modelname"
    object_id = models.CharField("对象", max_length=64)
    created_at = models.DateTimeField("记录时间", auto_now=True)
    error = models.TextField("错误", blank=True)

    class Meta:
        verbose_name = "待同步的检索索引"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["model", "object_id"],
                                               name="search_pending_unique")]

    def __str__(self):
        return f"{self.model}#{self.object_id}"
