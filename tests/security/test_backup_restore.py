"""`backup` and `restore`: a round trip on the configured database (SQLite in `make test`,
PostgreSQL in `make test-postgres`), and refusal of corrupt or tampered archives."""

import gzip
import io
import json
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models.signals import m2m_changed
from wagtail.models import ModelLogEntry, Page

from audit import constants as c
from caching import signals as caching_signals
from caching.middleware import HEADER
from operations.archive import MANIFEST, checksum_file
from pages.models import NoticePage
from portal.plugins import Plugin, registry
from tests.caching.conftest import page_cache  # noqa: F401 - the page cache switched on
from tests.factories import NoticePageFactory, UserFactory

# The database is copied by its own tool (SQLite's backup API, pg_dump), which sees only
# committed rows and refuses to restore inside a transaction: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roots(settings, tmp_path):
    """Media, and a folder a plugin declares for backup (Plugin.file_roots): a stand-in
    plugin, so the archive is tested with or without the bundled plugins."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.MEETINGS_PRIVATE_ROOT = tmp_path / "meetings-private"  # kept out of the real var/
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "private" / "meetings").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "通知附件.pdf").write_bytes(b"%PDF-1.4 original")
    (tmp_path / "private" / "meetings" / "minutes.docx").write_bytes(b"minutes v1")
    registry.register(Plugin(label="backup-test", name="备份测试",
                             file_roots={"plugin-private": lambda: tmp_path / "private"}))
    yield tmp_path
    registry.unregister("backup-test")


def backup(tmp_path):
    archive = tmp_path / "out" / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    return archive


def restore(archive, **kwargs):
    out = io.StringIO()
    call_command("restore", str(archive), interactive=False, stdout=out, **kwargs)
    return out.getvalue()


def test_round_trip_restores_database_and_files(site_tree, roots):
    notice = NoticePageFactory(parent=site_tree.notices, title="备份恢复测试通知", slug="bk")
    pages_before = Page.objects.count()
    archive = backup(roots)
    manifest = json.loads(tarfile.open(archive).extractfile(MANIFEST).read())
    assert manifest["database_vendor"] == connection.vendor
    assert "files/media/documents/通知附件.pdf" in manifest["files"]
    assert "files/plugin-private/meetings/minutes.docx" in manifest["files"]
    assert checksum_file(archive).read_text().split()[1] == archive.name

    # Everything changes after the backup...
    NoticePage.objects.get(pk=notice.pk).delete()
    UserFactory(username="created-after-backup")
    (roots / "media" / "documents" / "通知附件.pdf").write_bytes(b"overwritten")
    (roots / "media" / "stray.txt").write_text("new file")
    (roots / "private" / "meetings" / "minutes.docx").unlink()

    assert "恢复完成" in restore(archive)

    restored = NoticePage.objects.get(pk=notice.pk)
    assert restored.title == "备份恢复测试通知" and restored.live
    assert Page.objects.count() == pages_before
    assert not get_user_model().objects.filter(username="created-after-backup").exists()
    assert (roots / "media" / "documents" / "通知附件.pdf").read_bytes() == b"%PDF-1.4 original"
    assert not (roots / "media" / "stray.txt").exists()
    assert (roots / "private" / "meetings" / "minutes.docx").read_bytes() == b"minutes v1"
    assert ModelLogEntry.objects.filter(action=c.RESTORE).exists()
    # The restored tree is usable: the notice is served again.
    assert restored.url and restored.get_parent().specific.title == "通知公告"


def _rewrite(archive, change):
    """Rebuild the archive with `change(name, data) -> data`, keeping the manifest as it was."""
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar if m.isfile()]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            data = change(member.name, data)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def test_changed_file_inside_the_archive_is_refused(site_tree, roots):
    archive = backup(roots)
    checksum_file(archive).unlink()  # the per-file manifest must catch it on its own
    _rewrite(archive, lambda name, data: data.replace(b"original", b"tampered"))
    NoticePageFactory(parent=site_tree.notices, title="恢复被拒后仍在", slug="stays")
    with pytest.raises(CommandError, match="校验失败.*通知附件.pdf"):
        restore(archive)
    assert NoticePage.objects.filter(slug="stays").exists()  # nothing was touched


def test_whole_archive_checksum_is_checked_first(site_tree, roots):
    archive = backup(roots)
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="SHA-256"):
        restore(archive)


def test_truncated_archive_is_refused_with_a_clear_message(site_tree, roots):
    archive = backup(roots)
    checksum_file(archive).unlink()
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="损坏|校验失败"):
        restore(archive)
    assert Page.objects.filter(pk=site_tree.home.pk).exists()


def test_not_an_archive_is_refused(tmp_path, db):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(gzip.compress(b"not a tar file at all"))
    with pytest.raises(CommandError, match="损坏"):
        restore(bogus)
    with pytest.raises(CommandError, match="找不到"):
        restore(tmp_path / "missing.tar.gz")


def test_path_traversal_in_an_archive_is_refused(tmp_path, db):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/owned")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="不安全"):
        restore(evil)
    assert not (tmp_path.parent / "etc" / "owned").exists()


def test_archive_from_a_newer_schema_is_refused(site_tree, roots):
    archive = backup(roots)
    checksum_file(archive).unlink()

    def newer(name, data):
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["migrations"].append("pages.9999_from_the_future")
        return json.dumps(manifest).encode()

    _rewrite(archive, newer)
    with pytest.raises(CommandError, match="更新的程序版本"):
        restore(archive)


@pytest.mark.usefixtures("page_cache")
def test_restore_empties_the_page_cache(client, site_tree, roots):
    """A page cached after the backup must not outlive the restore: loaddata saves raw
    rows and the restore's DELETEs send no signals, so only the restore can empty it."""
    notice = NoticePageFactory(parent=site_tree.notices, title="恢复前的标题", slug="cached")
    archive = backup(roots)
    page = NoticePage.objects.get(pk=notice.pk)
    page.title = "备份之后改的标题"
    page.save_revision().publish()
    client.get(page.url)
    cached = client.get(page.url)
    assert cached.get(HEADER) == "hit" and "备份之后改的标题" in cached.content.decode()

    # Loading the restored group memberships of page restrictions happens to empty the
    # cache too (m2m signals are not "raw"); without that receiver, only the restore's own
    # clearing is left to be tested.
    m2m_changed.disconnect(dispatch_uid="page_cache_m2m")
    try:
        restore(archive)
    finally:
        caching_signals.connect()

    after = client.get(page.url)
    assert after.get(HEADER) == "miss"
    assert "恢复前的标题" in after.content.decode()
    assert "备份之后改的标题" not in after.content.decode()
