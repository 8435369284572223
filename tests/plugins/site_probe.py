"""Boot the site in a fresh process, with whatever plugins PORTAL_PLUGINS enables, and report.

    python -m tests.plugins.site_probe --migrate-only      (prepare DATABASE_URL's database)
    python -m tests.plugins.site_probe URL [URL ...]

Migrates the database named by DATABASE_URL (a throw-away SQLite file, copied
from one migrated once per test run), builds the shared test site tree in it,
runs the function PROBE_SETUP names ("module:function", optional), requests each
URL as a visitor, renders the home page, the admin's dashboard and plugin list,
and a superuser's personal-data export, requests each URL again as that superuser
and renders the audit-log report, and prints one JSON object. Used to run
the site with each plugin switched off in turn, and with a pip-installed plugin.
"""

import io
import json
import os
import sys


def main(urls):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    if urls == ["--migrate-only"]:
        return
    setup_test_environment()
    call_command("check", fail_level="ERROR", stdout=io.StringIO())

    from django.contrib.auth import get_user_model

    from portal.plugins import registry
    from tests.conftest import build_site

    build_site()
    if os.environ.get("PROBE_SETUP"):
        from django.utils.module_loading import import_string

        import_string(os.environ["PROBE_SETUP"].replace(":", "."))()
    client = Client()
    report = {
        "enabled": [p.label for p in registry.enabled()],
        "installed_apps": list(settings.INSTALLED_APPS),
        "responses": {},
    }
    report["bodies"] = {}
    for url in urls:
        response = client.get(url)
        report["responses"][url] = response.status_code
        if not response.streaming:
            report["bodies"][url] = response.content.decode(errors="replace")[:50000]
    home = client.get("/")
    report["home_status"] = home.status_code
    report["home_html"] = home.content.decode()
    report["home_templates"] = sorted({t.name for t in home.templates if t.name})
    admin = get_user_model().objects.create_superuser("probe-admin", "probe@example.org", "x" * 12)
    client.force_login(admin)
    dashboard = client.get("/admin/")
    report["admin_home_status"] = dashboard.status_code
    report["admin_home_html"] = dashboard.content.decode()
    report["personal_data"] = json.loads(
        client.get(f"/admin/personal-data/{admin.pk}/export.json").content)
    from wagtail.log_actions import registry as log_actions

    report["log_actions"] = {action: str(label) for action, label in log_actions.get_choices()}
    report["admin_responses"] = {url: client.get(url).status_code for url in urls}
    report["admin_audit_html"] = client.get("/admin/reports/audit/").content.decode()
    plugins_page = client.get("/admin/plugins/")
    report["admin_plugins_status"] = plugins_page.status_code
    report["admin_plugins_html"] = plugins_page.content.decode()
    json.dump(report, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
