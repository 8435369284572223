"""Every file a record has ever had, kept so that each version's files stay verifiable.

A version's snapshot lists its attachments as (kind, title, SHA-256). When an attachment
is later removed or its file replaced, the MeetingAttachment row goes or changes, but the
file it pointed to is still what the older version certifies. So each time a version is
kept (versioning.append_version) the files it lists are recorded here, one row per record
and content hash, pointing at the same stored file. Rows are never deleted (the record
PROTECTs them; the keyed chain seals them) and the private storage refuses to delete
files, so every file can be checked against its hash (verify_records) and authorised
staff can open any earlier file from the record's version history.
"""

from django.db import models
from django.utils import timezone

from ..storage import private_storage, upload_path
from .records import ATTACHMENT_KINDS


class RetainedAttachmentQuerySet(models.QuerySet):
    def retain(self, record):
        """Record the current attachments of `record` that are not retained yet."""
        have = set(self.filter(record=record).values_list("sha256", flat=True))
        new = {}
        for attachment in record.attachments.all():
            if attachment.sha256 and attachment.sha256 not in have:
                new.setdefault(attachment.sha256, RetainedAttachment(
                    record=record, kind=attachment.kind, title=attachment.title,
                    file=attachment.file.name, sha256=attachment.sha256, size=attachment.size))
        if new:
            self.bulk_create(new.values())
        return len(new)


class RetainedAttachment(models.Model):
    record = models.ForeignKey("meetings.MeetingRecord", verbose_name="会议记录",
                               on_delete=models.PROTECT, related_name="retained_files")
    kind = models.CharField("类别", max_length=10, choices=ATTACHMENT_KINDS, default="document")
    title = models.CharField("名称", max_length=200, blank=True)
    file = models.FileField("文件", storage=private_storage, upload_to=upload_path,
                            max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    retained_at = models.DateTimeField("存档时间", default=timezone.now)

    objects = RetainedAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "附件存档"
        verbose_name_plural = "附件存档"
        ordering = ["record", "pk"]
        constraints = [models.UniqueConstraint(fields=["record", "sha256"],
                                               name="meetings_one_retained_file_per_hash")]

    def __str__(self):
        return f"{self.title}（{self.sha256[:12]}…）"
