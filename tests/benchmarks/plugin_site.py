"""Set-up shared by the plugin benchmarks that time pages over many organisations.

Each such benchmark configures Django with the test settings, creates its own throw-away
database (SQLite in memory, or with a PostgreSQL DATABASE_URL a database of the given
name), builds the test site with as many 党支部 under the 机关党委 as it needs, and
drops the database at the end:

    setup_django()
    with throwaway_database("meetings_bench"):
        tree, branches = site_with_branches(200)
        ...
"""

import os
from contextlib import contextmanager


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()


@contextmanager
def throwaway_database(postgres_name):
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        db.setdefault("TEST", {})["NAME"] = postgres_name
    old_name = db["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def engine():
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def site_with_branches(count):
    """The test site (tests.conftest.build_site) and `count` 党支部: its two and generated ones."""
    from tests.conftest import build_site
    from tests.factories import BranchPageFactory

    tree = build_site()
    branches = [tree.branch1, tree.branch2]
    for n in range(count - len(branches)):
        branches.append(BranchPageFactory(parent=tree.committee, title=f"第{n + 3}党支部",
                                          slug=f"bench-branch-{n + 3}"))
    return tree, branches


def p95(samples):
    ordered = sorted(samples)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
