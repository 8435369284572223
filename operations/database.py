"""The database part of a backup, copied with each database's own tool.

SQLite: the online backup API (`sqlite3.Connection.backup`), page by page, consistent
while the site runs; restoring copies the pages back into the live database.
PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --single-transaction`, so a
restore replaces every table, sequence and constraint as one transaction or not at all.

Both copy the database as it is -- rows, primary keys, sequences -- so nothing is
re-saved through the ORM, no signal fires and no key can clash (the dumpdata/loaddata
round trip this replaces rolled back on PostgreSQL: receivers wrote audit events and
content types while the fixture loaded). Sessions are emptied after a restore, so no
login from the time of the backup comes back to life.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class DatabaseCopyError(Exception):
    pass


def member_name():
    try:
        return MEMBER[connection.vendor]
    except KeyError:
        raise DatabaseCopyError(f"不支持备份 {connection.vendor} 数据库。") from None


def _pg_environment():
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, value in (("PGHOST", settings.get("HOST")), ("PGPORT", settings.get("PORT")),
                       ("PGUSER", settings.get("USER")),
                       ("PGPASSWORD", settings.get("PASSWORD"))):
        if value:
            env[key] = str(value)
    return env


def _run(command):
    result = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise DatabaseCopyError(f"{command[0]} 失败：{result.stderr.strip()[-500:]}")


def dump(target):
    """Write the whole database to `target`."""
    target = Path(target)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    elif connection.vendor == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              f"--file={target}", connection.settings_dict["NAME"]])
    else:
        member_name()


def load(source):
    """Replace the whole database with the copy in `source` (made by dump())."""
    if connection.in_atomic_block:
        raise DatabaseCopyError("恢复不能在数据库事务中进行。")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(Path(source))
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
    elif connection.vendor == "postgresql":
        connection.close()  # our own locks would block the DROPs
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", f"--dbname={connection.settings_dict['NAME']}",
              str(source)])
    else:
        member_name()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_session")
