"""Which Django apps the enabled plugins are. Read by settings, so no Django imports here.

A plugin named "x" is the bundled app plugins/x if that folder exists, or else
a pip-installed package that declares an entry point named "x" in the group
ENTRY_POINT_GROUP whose value is the app's module path.
"""

from importlib.metadata import entry_points
from pathlib import Path

ENTRY_POINT_GROUP = "dangwu_portal.plugins"
PLUGINS_DIR = Path(__file__).resolve().parent.parent / "plugins"


def bundled_plugins():
    return sorted(p.name for p in PLUGINS_DIR.iterdir()
                  if p.is_dir() and (p / "apps.py").exists())


def installed_entry_points():
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_plugins():
    """Every plugin that could be enabled: name -> app module path."""
    found = installed_entry_points()
    found.update({name: f"plugins.{name}" for name in bundled_plugins()})
    return found


def plugin_apps(names):
    """App module paths for the enabled plugin names; unknown names are ignored."""
    available = available_plugins()
    return [available[name] for name in names if name in available]
