"""Backup archives: the database (copied by its own tool) and the file roots, with checksums.

Layout of an archive (a .tar.gz):

    MANIFEST.json       format, time, database vendor, applied migrations, the name of
                        the database member, and the SHA-256 of every other member
    database.sqlite3 |  the whole database: SQLite's online backup, or PostgreSQL's
    database.pgdump     `pg_dump --format=custom` (operations/database.py)
    files/<root>/...    MEDIA_ROOT as files/media/, the folders plugins declare in their
                        Plugin's `file_roots` (private attachments) as files/<name>/

Beside the archive, `<archive>.sha256` holds the whole archive's checksum in the format
`sha256sum -c` reads. An archive restores into the same kind of database it came from;
format-1 archives (a `dumpdata` file, made before issue 21) are still read.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from caching.signals import invalidate as invalidate_page_cache

from . import database

FORMAT = 2
READABLE_FORMATS = (1, 2)
MANIFEST = "MANIFEST.json"
DATABASE = "database.json"  # format 1
CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive is unreadable, incomplete, tampered with or from a newer version."""


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_roots():
    """{name in the archive: folder on disk} for every folder of uploaded files."""
    from portal.plugins import registry

    roots = {"media": Path(settings.MEDIA_ROOT)}
    roots.update({name: Path(folder) for name, folder in registry.file_roots().items()
                  if folder})
    roots.update({name: Path(folder) for name, folder in
                  getattr(settings, "BACKUP_EXTRA_ROOTS", {}).items()})
    return roots


def applied_migrations():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def default_archive_path():
    folder = Path(getattr(settings, "BACKUP_DIR", Path(settings.BASE_DIR) / "var" / "backups"))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return folder / f"portal-backup-{stamp}.tar.gz"


def create_backup(target):
    """Write the archive and its .sha256 file; returns (archive path, manifest)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as tmp:
        try:
            db_member = database.member_name()
            dump = Path(tmp) / db_member
            database.dump(dump)
        except database.DatabaseCopyError as exc:
            raise ArchiveError(f"数据库备份失败：{exc}") from exc
        members = {db_member: dump}
        for name, root in file_roots().items():
            if not root.is_dir():
                continue
            for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
                members[f"files/{name}/{path.relative_to(root).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "database": db_member,
            "migrations": applied_migrations(),
            "files": {arcname: sha256_of(path) for arcname, path in members.items()},
        }
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for arcname, path in members.items():
                tar.add(path, arcname=arcname, recursive=False)
        partial.replace(target)  # a crash mid-write never leaves a plausible-looking archive
    checksum_file(target).write_text(f"{sha256_of(target)}  {target.name}\n")
    return target, manifest


def checksum_file(archive):
    archive = Path(archive)
    return archive.with_name(archive.name + ".sha256")


def _safe_member_name(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ArchiveError(f"备份文件中含有不安全的路径：{name}")
    return path


def verify_and_extract(archive, into):
    """Check every checksum, then leave the archive's contents in `into`; returns the manifest.

    Nothing outside `into` is touched, so a refused archive changes nothing.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise ArchiveError(f"找不到备份文件：{archive}")
    sidecar = checksum_file(archive)
    if sidecar.is_file():
        expected = sidecar.read_text().split()[0] if sidecar.read_text().split() else ""
        if expected != sha256_of(archive):
            raise ArchiveError("备份文件的SHA-256校验值与 .sha256 文件不符，文件可能已损坏或被改动，"
                               "未进行恢复。")
    into = Path(into)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = None
            seen = {}
            for member in tar:
                name = _safe_member_name(member.name)
                if not member.isfile():
                    if member.isdir():
                        continue
                    raise ArchiveError(f"备份文件中含有不支持的条目：{member.name}")
                handle = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest = json.loads(handle.read().decode())
                    continue
                destination = into / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with open(destination, "wb") as out:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                seen[member.name] = digest.hexdigest()
    except (tarfile.TarError, EOFError, OSError, zlib.error, UnicodeDecodeError,
            json.JSONDecodeError) as exc:
        raise ArchiveError(f"备份文件已损坏或不完整，无法读取（{exc.__class__.__name__}），"
                           "未进行恢复。") from exc
    if not manifest or manifest.get("format") not in READABLE_FORMATS:
        raise ArchiveError("备份文件缺少清单（MANIFEST.json）或格式不受支持，未进行恢复。")
    expected = manifest.get("files", {})
    if manifest.get("database", DATABASE) not in expected:
        raise ArchiveError("备份文件中没有数据库内容，未进行恢复。")
    if manifest["format"] >= 2 and manifest.get("database_vendor") != connection.vendor:
        raise ArchiveError(f"备份来自 {manifest.get('database_vendor')} 数据库，当前数据库是 "
                           f"{connection.vendor}，不能直接恢复（见 docs/operations.md 的迁移说明），"
                           "未进行恢复。")
    missing = sorted(set(expected) - set(seen))
    extra = sorted(set(seen) - set(expected))
    wrong = sorted(name for name in expected if name in seen and seen[name] != expected[name])
    if missing or extra or wrong:
        problems = []
        if wrong:
            problems.append(f"校验值不符：{'、'.join(wrong[:5])}")
        if missing:
            problems.append(f"缺少：{'、'.join(missing[:5])}")
        if extra:
            problems.append(f"清单外文件：{'、'.join(extra[:5])}")
        raise ArchiveError("备份文件校验失败（" + "；".join(problems) + "），未进行恢复。")
    unknown = sorted(set(manifest.get("migrations", [])) - set(applied_migrations()))
    if unknown:
        raise ArchiveError("备份来自更新的程序版本（本系统缺少迁移："
                           f"{'、'.join(unknown[:5])}），请先升级程序并执行 migrate 后再恢复。")
    return manifest


def _clear_search_index():
    """Empty Wagtail's database search index, including SQLite's FTS5 table.

    `flush` empties the entries but not the FTS5 virtual table beside them, whose row ids
    would then clash with the rebuilt entries.
    """
    from wagtail.search.models import IndexEntry

    IndexEntry._default_manager.all().delete()
    fts_table = f"{IndexEntry._meta.db_table}_fts"
    if connection.vendor == "sqlite" and fts_table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f'DELETE FROM "{fts_table}"')


def _empty_all_tables():
    """DELETE every row of every Django table, inside the caller's transaction.

    Not `flush`: PostgreSQL refuses TRUNCATE while the transaction has pending
    foreign-key checks, and DELETE lets the restore roll back as one unit. Django's
    foreign keys are deferred on both databases, so the order of tables does not matter.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in connection.introspection.django_table_names(only_existing=True,
                                                                 include_views=False):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def restore_from(folder, rebuild_index=True, manifest=None):
    """Replace the database and the file roots with what `folder` holds (already verified),
    then empty the anonymous page cache."""
    folder = Path(folder)
    manifest = manifest or {"format": 1}
    if manifest["format"] >= 2:
        try:
            database.load(folder / manifest["database"])
        except database.DatabaseCopyError as exc:
            raise ArchiveError(f"数据库恢复失败，数据库未改动：{exc}") from exc
    else:
        with transaction.atomic():
            _clear_search_index()
            _empty_all_tables()
            call_command("loaddata", str(folder / DATABASE), verbosity=0)
    for name, root in file_roots().items():
        source = folder / "files" / name
        if root.exists():
            for child in root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        if source.is_dir():
            shutil.copytree(source, root, dirs_exist_ok=True)
    if rebuild_index:
        call_command("update_index", verbosity=0, stdout=io.StringIO())
    # loaddata saves "raw", which the page cache's signals ignore, and the DELETEs above
    # send no signals at all: without this, anonymous visitors would go on being served
    # pages rendered from the database as it was before the restore.
    invalidate_page_cache("restore")
