"""A plugin installed with pip (tests/example_plugin) is discovered through its entry point."""

import json
import subprocess
import sys
from pathlib import Path

from portal.plugin_loader import ENTRY_POINT_GROUP

from .probe import main_nav, run_probe

EXAMPLE = Path(__file__).resolve().parent.parent / "example_plugin"


SEARCH = "/api/search/?q=插件页面一号"


def install(tmp_path):
    target = tmp_path / "site-packages"
    # No network: the package builds with its own in-tree backend.
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index",
                    "--no-build-isolation", "--no-deps", "--target", str(target), str(EXAMPLE)],
                   check=True, capture_output=True, timeout=300)
    return target


def test_pip_installed_plugin_is_discovered_enabled_and_served(tmp_path):
    """Everything the plugin adds comes from its own folder: no change anywhere else."""
    target = install(tmp_path)
    entry_points = next(target.glob("*.dist-info")) / "entry_points.txt"
    assert f"[{ENTRY_POINT_GROUP}]" in entry_points.read_text()

    report = run_probe(["/example-plugin/", "/example-page/", SEARCH, "/search/?q=党支部"],
                       extra_path=target, setup="tests.plugins.example_setup:create_example_pages")

    assert "example" in report["enabled"]
    assert "dangwu_example_plugin" in report["installed_apps"]
    assert report["responses"]["/example-plugin/"] == 200
    assert ">示例插件<" in main_nav(report["home_html"])
    assert "dangwu_example_plugin/home_panel.html" in report["home_templates"]
    assert "示例插件首页面板" in report["home_html"]
    admin = report["admin_plugins_html"]
    assert 'data-plugin="example"' in admin
    assert "0.2.0" in admin and "pip 安装" in admin
    # A page type of its own, created under the home page and served there.
    assert report["responses"]["/example-page/"] == 200
    assert "由示例插件添加的页面类型" in report["bodies"]["/example-page/"]
    # A search provider: its pages are found, under its own type.
    found = json.loads(report["bodies"][SEARCH])
    assert [(r["title"], r["type"]) for r in found["results"]] == [("插件页面一号", "example")]
    assert ">示例页面</option>" in report["bodies"]["/search/?q=党支部"]
    # A personal-data export section.
    assert report["personal_data"]["示例插件"] == []
    # An audit action, registered with Wagtail's log and recorded when a signed-in user visits.
    assert report["log_actions"]["dangwu_example_plugin.visit"] == "访问示例插件"
    assert report["admin_responses"]["/example-plugin/"] == 200
    assert "访问示例插件" in report["admin_audit_html"]
    # A 待办 line on the admin dashboard: the unpublished example page.
    assert "<strong>1</strong> 个示例页面未发布" in report["admin_home_html"]


def test_example_plugin_can_be_switched_off(tmp_path):
    target = install(tmp_path)
    report = run_probe(["/example-plugin/"], plugins=[], extra_path=target)
    assert report["enabled"] == []
    assert report["responses"]["/example-plugin/"] == 404
    assert "示例插件首页面板" not in report["home_html"]
    assert 'data-plugin="example"' in report["admin_plugins_html"]  # installed, not enabled
