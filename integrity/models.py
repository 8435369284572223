"""Links of the keyed chains (one chain per sealed object) and the published heads."""

from django.db import models


class Seal(models.Model):
    """One link: the keyed digest of every field a reader sees of an object, at one step.

    `digests` maps a field's name (e.g. "事项#12.进度") to HMAC(key, its value), so the
    link holds nothing readable -- personal data can be erased from the object and the
    erasure sealed as a new link -- yet any later change of a field is named."""

    source = models.CharField("来源", max_length=40)
    chain_id = models.CharField("链", max_length=80)
    seq = models.PositiveIntegerField("序号")
    event = models.CharField("事件", max_length=200, blank=True)
    digests = models.JSONField("字段校验值")
    created_at = models.DateTimeField("时间")
    prev = models.CharField("上一环", max_length=64)
    link = models.CharField("本环", max_length=64)
    key_id = models.CharField("密钥编号", max_length=16)

    class Meta:
        verbose_name = "防篡改校验环"
        verbose_name_plural = "防篡改校验环"
        ordering = ["source", "chain_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["source", "chain_id", "seq"],
                                               name="integrity_seal_unique_seq")]

    def __str__(self):
        return f"{self.source}:{self.chain_id}#{self.seq}"


class Publication(models.Model):
    """A 台账校验公示: the head and length of every chain on one day, as published."""

    published_at = models.DateTimeField("公示时间", db_index=True)
    heads = models.JSONField("各链链头")  # {source: {chain_id: [head, count, group]}}
    digest = models.CharField("公示校验值", max_length=64)
    key_id = models.CharField("密钥编号", max_length=16)
    # What the public is shown: {"heads": {source: {chain_id: [...]}} for chains in public
    # scope, "restricted": {source: {"chains", "links", "digest"}}} for all the others.
    public = models.JSONField("公开内容", null=True, blank=True)

    class Meta:
        verbose_name = "台账校验公示"
        verbose_name_plural = "台账校验公示"
        ordering = ["-published_at"]

    def __str__(self):
        return f"台账校验公示 {self.published_at:%Y-%m-%d %H:%M}"
