"""A plugin installed with pip (tests/example_plugin) is discovered through its entry point."""

import subprocess
import sys
from pathlib import Path

from portal.plugin_loader import ENTRY_POINT_GROUP

from .probe import main_nav, run_probe

EXAMPLE = Path(__file__).resolve().parent.parent / "example_plugin"


def test_pip_installed_plugin_is_discovered_enabled_and_served(tmp_path):
    target = tmp_path / "site-packages"
    # No network: the package builds with its own in-tree backend.
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index",
                    "--no-build-isolation", "--no-deps", "--target", str(target), str(EXAMPLE)],
                   check=True, capture_output=True, timeout=300)
    entry_points = next(target.glob("*.dist-info")) / "entry_points.txt"
    assert f"[{ENTRY_POINT_GROUP}]" in entry_points.read_text()

    report = run_probe(["/example-plugin/"], extra_path=target)

    assert "example" in report["enabled"]
    assert "dangwu_example_plugin" in report["installed_apps"]
    assert report["responses"]["/example-plugin/"] == 200
    assert ">示例插件<" in main_nav(report["home_html"])
    assert "dangwu_example_plugin/home_panel.html" in report["home_templates"]
    assert "示例插件首页面板" in report["home_html"]
    admin = report["admin_plugins_html"]
    assert 'data-plugin="example"' in admin
    assert "0.2.0" in admin and "pip 安装" in admin


def test_example_plugin_can_be_switched_off(tmp_path):
    target = tmp_path / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index",
                    "--no-build-isolation", "--no-deps", "--target", str(target), str(EXAMPLE)],
                   check=True, capture_output=True, timeout=300)
    report = run_probe(["/example-plugin/"], plugins=[], extra_path=target)
    assert report["enabled"] == []
    assert report["responses"]["/example-plugin/"] == 404
    assert "示例插件首页面板" not in report["home_html"]
    assert 'data-plugin="example"' in report["admin_plugins_html"]  # installed, not enabled
