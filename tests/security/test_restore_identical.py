"""A restore leaves exactly the content that was backed up: the row count and a checksum
of every table, and every file -- over the existing database, and into a fresh migrated
one (another process, as an operator would run it). On SQLite in `make test`, on
PostgreSQL with DATABASE_URL set (the issue-21 failure: the old dumpdata/loaddata
restore rolled back there on duplicate content types and audit-event keys)."""

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from wagtail.models import ModelLogEntry

import audit
from audit import constants as audit_actions
from portal.plugins import registry
from tests.conftest import build_site
from tests.factories import NoticePageFactory, UserFactory, member_of

ROOT = Path(__file__).resolve().parents[2]
# Emptied by every restore (no login from the time of the backup comes back).
SKIPPED = {"django_session"}

pytestmark = pytest.mark.django_db(transaction=True)


def fingerprint():
    """{table: [row count, sha256 of its sorted rows]} for every table of the database."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in SKIPPED:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
            result[table] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
    return result


def files_of(*roots):
    return {f"{root.name}/{p.relative_to(root).as_posix()}": p.read_bytes()
            for root in roots for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def roots(settings, tmp_path):
    media, private = tmp_path / "media", tmp_path / "private"
    settings.MEDIA_ROOT = str(media)
    settings.MEETINGS_PRIVATE_ROOT = private
    (media / "documents").mkdir(parents=True)
    (private / "meetings").mkdir(parents=True)
    (media / "documents" / "通知附件.pdf").write_bytes(b"%PDF-1.4 original")
    (private / "meetings" / "minutes.docx").write_bytes(b"minutes v1")
    # The private folder is backed up when a plugin declares it (the meetings plugin).
    return (media, private) if "private" in registry.file_roots() else (media,)


@pytest.fixture
def content(roots):
    """Something of every kind: pages, groups and members, audit events, and a record of
    each plugin -- the rows whose signals broke the old restore."""
    tree = build_site()
    NoticePageFactory(parent=tree.notices, title="备份恢复测试通知", slug="bk")
    member = member_of(tree.branch1, username="member1")
    UserFactory(username="staff", is_staff=True)
    audit.log(None, audit_actions.LOGIN, target="x", user=member)
    if apps.is_installed("plugins.commitments"):
        from tests.plugins.commitments.factories import published_pledge

        published_pledge(tree.branch1, member=member)
    if apps.is_installed("plugins.meetings"):
        from tests.plugins.meetings.conftest import make_record

        make_record(tree.branch1)
    return tree


def test_restore_over_the_existing_database_is_identical(content, roots, tmp_path):
    before, files_before = fingerprint(), files_of(*roots)
    assert len(before) > 50
    archive = tmp_path / "out" / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())

    NoticePageFactory(parent=content.notices, title="备份之后", slug="after")
    UserFactory(username="created-after-backup")
    ModelLogEntry.objects.all().delete()
    (roots[0] / "documents" / "通知附件.pdf").write_bytes(b"overwritten")
    (roots[-1] / "stray.txt").write_text("new")
    assert fingerprint() != before

    call_command("restore", str(archive), interactive=False, skip_index=True,
                 stdout=io.StringIO())
    # The restore's own audit event is the one row written after the copy.
    ModelLogEntry.objects.filter(action=audit_actions.RESTORE).delete()
    assert fingerprint() == before
    assert files_of(*roots) == files_before


def _fresh_database_url(tmp_path):
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.sqlite3'}", None
    s = connection.settings_dict
    name = f"{s['NAME']}_fresh"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}", name


def _manage(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_restore_into_a_fresh_migrated_database_is_identical(content, roots, tmp_path):
    before, files_before = fingerprint(), files_of(*roots)
    archive = tmp_path / "out" / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())

    url, pg_name = _fresh_database_url(tmp_path)
    fresh_media, fresh_private = tmp_path / "fresh" / "media", tmp_path / "fresh" / "private"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(tmp_path / "fresh"), "PORTAL_MEDIA_ROOT": str(fresh_media),
           "MEETINGS_PRIVATE_ROOT": str(fresh_private), "DJANGO_DEBUG": "0",
           "PORTAL_PAGE_CACHE": "0"}
    env.pop("REDIS_URL", None)
    try:
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "restore", str(archive), "--noinput", "--skip-index")
        after = json.loads(_manage(env, "shell", "-c", (
            "import json; from wagtail.models import ModelLogEntry; "
            "from tests.security.test_restore_identical import fingerprint; "
            "ModelLogEntry.objects.filter(action='portal.restore').delete(); "
            "print(json.dumps(fingerprint()))")).strip().splitlines()[-1])
    finally:
        if pg_name:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{pg_name}"')
    assert after == before
    assert files_of(*(fresh_media, fresh_private)[:len(roots)]) == files_before
