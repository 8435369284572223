"""Multiple-file upload fields for attachments and photos, with size and type checks."""

import os

from django import forms
from django.conf import settings
from PIL import Image, UnidentifiedImageError

PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "webp")


def max_bytes():
    return int(getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024))


def document_extensions():
    return tuple(getattr(settings, "WAGTAILDOCS_EXTENSIONS", ("pdf", "doc", "docx", "jpg", "png")))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, photos=False, **kwargs):
        self.photos = photos
        accept = ",".join("." + e for e in (PHOTO_EXTENSIONS if photos else document_extensions()))
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files if f]
        errors = []
        for f in cleaned:
            errors += check_upload(f, photo=self.photos)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


def check_upload(uploaded, photo=False):
    name = uploaded.name
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    allowed = PHOTO_EXTENSIONS if photo else document_extensions()
    errors = []
    if ext not in allowed:
        kind = "照片" if photo else "附件"
        errors.append(f"“{name}”的文件类型不允许作为{kind}上传，允许：{'、'.join(allowed)}。")
    if uploaded.size > max_bytes():
        errors.append(f"“{name}”超过{max_bytes() // (1024 * 1024)}MB的大小上限。")
    if photo and not errors:
        try:
            Image.open(uploaded).verify()
        except (UnidentifiedImageError, OSError, SyntaxError):
            errors.append(f"“{name}”不是有效的图片文件。")
        finally:
            uploaded.seek(0)
    return errors
