"""Checks on evidence uploads: type by extension and content, and size."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
               "webp": "image/webp"}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAGIC = {
    "jpg": [b"\xff\xd8\xff"], "jpeg": [b"\xff\xd8\xff"], "png": [b"\x89PNG\r\n\x1a\n"],
    "webp": [b"RIFF"], "pdf": [b"%PDF"], "doc": [b"\xd0\xcf\x11\xe0"], "xls": [b"\xd0\xcf\x11\xe0"],
    "docx": [b"PK\x03\x04"], "xlsx": [b"PK\x03\x04"],
}
MAX_FILES = 5


def max_bytes():
    return getattr(settings, "COMMITMENTS_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024)


@dataclass
class CheckedUpload:
    file: object
    name: str
    kind: str
    content_type: str
    size: int


def check_upload(upload):
    """A CheckedUpload, or ValidationError with a Chinese message naming the file."""
    name = upload.name or "未命名文件"
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in IMAGE_TYPES and ext not in DOCUMENT_TYPES:
        allowed = "、".join(sorted({*IMAGE_TYPES, *DOCUMENT_TYPES}))
        raise ValidationError(f"文件“{name}”的类型不支持。可上传的类型：{allowed}。")
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            f"文件“{name}”大小为{upload.size / 1024 / 1024:.1f}MB，超过{limit // 1024 // 1024}MB的限制。")
    if upload.size == 0:
        raise ValidationError(f"文件“{name}”是空文件。")
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in MAGIC[ext]):
        raise ValidationError(f"文件“{name}”的内容与扩展名不符，请上传真实的{ext.upper()}文件。")
    if ext in IMAGE_TYPES:
        from PIL import Image

        try:
            Image.open(upload).verify()
        except Exception as exc:
            raise ValidationError(f"文件“{name}”不是有效的图片。") from exc
        finally:
            upload.seek(0)
        return CheckedUpload(upload, name, "image", IMAGE_TYPES[ext], upload.size)
    return CheckedUpload(upload, name, "document", DOCUMENT_TYPES[ext], upload.size)
