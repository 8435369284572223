"""践诺记录: dated progress updates with evidence (photos and documents)."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..choices import STATUSES


class ProgressRecord(models.Model):
    item = models.ForeignKey("commitments.CommitmentItem", verbose_name="承诺事项",
                             on_delete=models.CASCADE, related_name="records")
    date = models.DateField("践诺日期")
    text = models.TextField("践诺情况", max_length=2000)
    status = models.CharField("状态", max_length=20, choices=STATUSES)
    progress = models.PositiveSmallIntegerField(
        "进度（%）", validators=[MinValueValidator(0), MaxValueValidator(100)])
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "践诺记录"
        verbose_name_plural = "践诺记录"
        ordering = ["item", "-date", "-id"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.text[:20]}"


def evidence_storage():
    """Evidence is kept outside MEDIA_ROOT: it is served only through the scope-checking view."""
    root = getattr(settings, "COMMITMENTS_PRIVATE_ROOT", None) or (
        Path(settings.MEDIA_ROOT).resolve().parent / "private" / "commitments")
    return FileSystemStorage(location=root, base_url=None)


class Evidence(models.Model):
    IMAGE, DOCUMENT = "image", "document"

    record = models.ForeignKey(ProgressRecord, verbose_name="践诺记录", on_delete=models.CASCADE,
                               related_name="evidence")
    file = models.FileField("文件", upload_to="evidence/%Y/%m/", storage=evidence_storage)
    original_name = models.CharField("原文件名", max_length=200)
    kind = models.CharField("类型", max_length=20,
                            choices=[(IMAGE, "照片"), (DOCUMENT, "文档")])
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"

    def __str__(self):
        return self.original_name

    @property
    def is_image(self):
        return self.kind == self.IMAGE
