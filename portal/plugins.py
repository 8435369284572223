"""Plugin registry: how a plugin app tells the core what it contributes.

A plugin is a Django app that, in its AppConfig.ready(), registers a Plugin
describing its URLs, navigation entries, home-page panel and demo loader.
The core only ever reads this registry, so it runs with any plugin switched off.
"""

from dataclasses import dataclass, field


@dataclass
class NavItem:
    title: str
    url_name: str


@dataclass
class Plugin:
    label: str
    name: str
    description: str = ""
    version: str = "0.1.0"
    urls: str | None = None  # dotted path to a urls module with app_name set
    url_prefix: str = ""  # e.g. "ledger/"
    nav_items: list = field(default_factory=list)
    home_panel_template: str | None = None
    home_panel_context: object = None  # callable(request) -> dict
    demo_loader: object = None  # callable(stdout) run by load_demo
    search_providers: list = field(default_factory=list)  # [search.providers.SearchProvider]


class PluginRegistry:
    def __init__(self):
        self._plugins = {}

    def register(self, plugin):
        self._plugins[plugin.label] = plugin
        return plugin

    def discover(self):
        """Hook for discovery of packaged plugins; bundled ones register themselves."""

    def enabled(self):
        return list(self._plugins.values())

    def is_enabled(self, label):
        return label in self._plugins

    def get(self, label):
        return self._plugins.get(label)


registry = PluginRegistry()
