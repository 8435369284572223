"""Attachments and photos of minutes live outside MEDIA_ROOT: only the scoped views serve them.

Files are never deleted through the storage: a removed or replaced attachment is still the
file an earlier version of the record certifies (models/retained.py).
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateMeetingStorage(FileSystemStorage):
    """Reads MEETINGS_PRIVATE_ROOT on every use, so tests can point it elsewhere."""

    @property
    def base_location(self):
        return str(settings.MEETINGS_PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):  # never served directly
        return None

    def url(self, name):
        raise ValueError("会议附件只能通过权限校验后的下载地址访问。")

    def delete(self, name):
        raise PermissionError("会议附件由防篡改版本链保留，不能删除文件。")


_storage = PrivateMeetingStorage()


def private_storage():
    return _storage


def upload_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"meetings/{uuid.uuid4().hex}{ext}"
