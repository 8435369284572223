"""浏览量: counted apart from the page so counting never touches page revisions or caches."""

from django.db import models
from django.db.models import F


class PageViewCount(models.Model):
    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE,
                                related_name="view_count", primary_key=True)
    count = models.PositiveBigIntegerField("浏览量", default=0)

    class Meta:
        verbose_name = "浏览量"
        verbose_name_plural = "浏览量"

    def __str__(self):
        return f"{self.page_id}: {self.count}"

    @classmethod
    def count_for(cls, page):
        return cls.count_for_id(page.pk)

    @classmethod
    def count_for_id(cls, page_id):
        return cls.objects.filter(page_id=page_id).values_list("count", flat=True).first() or 0

    @classmethod
    def increment(cls, page_id):
        updated = cls.objects.filter(page_id=page_id).update(count=F("count") + 1)
        if not updated:
            obj, created = cls.objects.get_or_create(page_id=page_id, defaults={"count": 1})
            if not created:
                cls.objects.filter(page_id=page_id).update(count=F("count") + 1)
        return cls.count_for_id(page_id)
