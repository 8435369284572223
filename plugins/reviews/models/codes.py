"""评议码: one-time codes printed on paper and handed out in batches."""

import secrets

from django.db import models
from django.utils import timezone

# No 0/O, 1/I/L: codes are read off paper and typed on phones.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def normalise_code(raw):
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def format_code(code):
    return f"{code[:4]}-{code[4:]}" if len(code) == CODE_LENGTH else code


class EvaluationCode(models.Model):
    page_cache_neutral = True  # printed on paper, never shown on a public page

    campaign = models.ForeignKey("reviews.Campaign", verbose_name="评议活动",
                                 on_delete=models.PROTECT, related_name="codes")
    batch = models.PositiveIntegerField("批次", default=1)
    code = models.CharField("评议码", max_length=16, unique=True)
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    used_at = models.DateTimeField("使用时间", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "评议码"
        verbose_name_plural = "评议码"
        ordering = ["batch", "id"]

    def __str__(self):
        return format_code(self.code)

    @property
    def display(self):
        return format_code(self.code)

    @classmethod
    def generate_batch(cls, campaign, count):
        """Make `count` fresh codes in a new batch; returns the batch number."""
        last = cls.objects.filter(campaign=campaign).aggregate(models.Max("batch"))["batch__max"]
        batch = (last or 0) + 1
        made = set()
        while len(made) < count:
            wanted = count - len(made)
            fresh = {"".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
                     for _ in range(wanted)}
            fresh -= made
            fresh -= set(cls.objects.filter(code__in=fresh).values_list("code", flat=True))
            made |= fresh
        cls.objects.bulk_create([cls(campaign=campaign, batch=batch, code=c) for c in made],
                                batch_size=1000)
        return batch
