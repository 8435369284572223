"""Helpers for tests that boot the site in a subprocess with a chosen set of plugins."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.urls import NoReverseMatch, reverse

ROOT = Path(__file__).resolve().parent.parent.parent


_TEMPLATE = {}


def _probe_env(database, plugins=None, extra_path=None, setup=None):
    env = {k: v for k, v in os.environ.items() if k not in ("PORTAL_PLUGINS", "DATABASE_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    env["DATABASE_URL"] = f"sqlite:///{database}"  # never the parent's (maybe PostgreSQL) one
    env.pop("PROBE_SETUP", None)
    if setup:
        env["PROBE_SETUP"] = setup
    if plugins is not None:
        env["PORTAL_PLUGINS"] = ",".join(plugins)
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join([str(extra_path), env.get("PYTHONPATH", "")]).strip(
            os.pathsep)
    return env


def _run(args, env, timeout):
    done = subprocess.run([sys.executable, "-m", "tests.plugins.site_probe", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"site failed to start:\n{done.stderr[-4000:]}"
    return done.stdout


def migrated_template():
    """A SQLite file migrated once (every installed plugin on) and reused by every probe.

    A disabled plugin's tables stay in it, as they do on a real site where a
    plugin is switched off after use.
    """
    if "path" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="portal-probe-"))
        path = folder / "template.sqlite3"
        _run(["--migrate-only"], _probe_env(path), timeout=600)
        _TEMPLATE["path"] = path
    return _TEMPLATE["path"]


def run_probe(urls, plugins=None, extra_path=None, timeout=300, setup=None):
    """Report from tests.plugins.site_probe; `plugins` None means "all installed".

    `setup` ("module:function") runs in the probe after the test site is built.
    """
    template = migrated_template()
    database = template.with_name(f"probe-{len(list(template.parent.iterdir()))}.sqlite3")
    shutil.copyfile(template, database)
    try:
        return json.loads(_run(urls, _probe_env(database, plugins, extra_path, setup),
                               timeout))
    finally:
        database.unlink(missing_ok=True)


def plugin_urls(plugin):
    """The URLs a plugin is known to serve: its prefix and its navigation entries."""
    urls = set()
    if plugin.urls and plugin.url_prefix:
        urls.add("/" + plugin.url_prefix.lstrip("/"))
    for item in plugin.nav_items:
        try:
            urls.add(reverse(item.url_name))
        except NoReverseMatch:
            pass
    return sorted(urls)


def main_nav(html):
    """The main navigation's markup (plugin nav entries render there)."""
    match = re.search(r'<nav class="mainnav".*?</nav>', html, re.S)
    return match.group(0) if match else ""
