"""The core runs with any plugin switched off (each bundled plugin in turn, found dynamically).

Each case boots the site in a subprocess with PORTAL_PLUGINS naming every other
plugin, and checks that the plugin's URLs 404, its navigation entries and home
panel are gone, the admin still works and lists it as installed but not
enabled, and the core pages and the other plugins answer exactly as they do
with every plugin on (a baseline run: some plugin pages need content the test
site does not have, so "as before" is the test, not "200").
"""

import pytest

from portal.plugin_loader import bundled_plugins
from portal.plugins import registry

from .probe import main_nav, plugin_urls, run_probe

CORE_URLS = ["/", "/search/?q=党支部", "/member/login/", "/sitemap.xml", "/orgs/",
             "/notices/"]


@pytest.fixture(scope="module")
def baseline():
    """Statuses of every core and plugin URL with all plugins on."""
    urls = sorted({*CORE_URLS, *(u for p in registry.enabled() for u in plugin_urls(p))})
    report = run_probe(urls)
    assert report["home_status"] == 200
    return report["responses"]


@pytest.mark.parametrize("label", bundled_plugins())
def test_site_runs_with_plugin_disabled(label, baseline):
    plugin = registry.get(label)
    if plugin is None:
        pytest.skip(f"插件 {label} 在本次测试运行中未启用，无法得知它提供的网址")
    own_urls = plugin_urls(plugin)
    others = [p for p in registry.enabled() if p.label != label]
    other_urls = sorted({u for p in others for u in plugin_urls(p)})

    report = run_probe(CORE_URLS + own_urls + other_urls, plugins=[p.label for p in others])

    assert label not in report["enabled"]
    assert plugin.module not in report["installed_apps"]
    for url in own_urls:
        assert report["responses"][url] == 404, url
    nav = main_nav(report["home_html"])
    assert nav, "the main navigation should still render"
    for item in plugin.nav_items:
        assert f">{item.title}<" not in nav
    if plugin.home_panel_template:
        assert plugin.home_panel_template not in report["home_templates"]
    assert f'data-plugin-panel="{label}"' not in report["home_html"]
    # nothing else breaks
    assert report["home_status"] == 200
    for url in CORE_URLS:
        assert report["responses"][url] == 200, url
    for other in others:
        for item in other.nav_items:
            assert f">{item.title}<" in nav
    for url in other_urls:
        assert report["responses"][url] == baseline[url], url
        assert report["responses"][url] < 500, url
    assert report["admin_home_status"] == 200
    assert report["admin_plugins_status"] == 200
    assert f'data-plugin="{label}"' in report["admin_plugins_html"]  # still listed, as disabled


def test_site_runs_with_every_plugin_disabled(baseline):
    """PORTAL_PLUGINS="" : the core alone, with no plugin app, setting or trace."""
    plugins = registry.enabled()
    own_urls = sorted({u for p in plugins for u in plugin_urls(p)})

    report = run_probe(CORE_URLS + own_urls, plugins=[])

    assert report["enabled"] == []
    assert not [app for app in report["installed_apps"] if app.startswith("plugins.")]
    assert "captcha" not in report["installed_apps"]  # an app only a plugin needs
    assert report["home_status"] == 200
    for url in CORE_URLS:
        assert report["responses"][url] == baseline[url] == 200, url
    for url in own_urls:
        assert report["responses"][url] == 404, url
    nav = main_nav(report["home_html"])
    assert nav
    for plugin in plugins:
        for item in plugin.nav_items:
            assert f">{item.title}<" not in nav
        assert f'data-plugin-panel="{plugin.label}"' not in report["home_html"]
    assert report["admin_home_status"] == 200
    assert "data-portal-todo" in report["admin_home_html"]
    assert list(report["personal_data"]) == ["导出时间", "账户", "操作记录", "党员名册", "消息通知",
                                             "阅知确认"]
    for label in bundled_plugins():
        assert f'data-plugin="{label}"' in report["admin_plugins_html"]
