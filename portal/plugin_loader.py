"""Which Django apps the enabled plugins are. Read by settings, so no Django imports here.

A plugin named "x" is the bundled app plugins/x if that folder exists, or else
a pip-installed package that declares an entry point named "x" in the group
ENTRY_POINT_GROUP whose value is the app's module path.

A plugin that needs settings keeps them, with their defaults, in an optional
`default_settings.py` beside its `apps.py` (plain constants read from the
environment, no Django imports); `apply_plugin_settings` adds them to the
settings module without overriding anything set there, and appends the apps the
plugin needs (its `INSTALLED_APPS` list there) after the plugin itself.
"""

import ast
import importlib
import importlib.util
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


def apply_plugin_settings(names, namespace):
    """Add the enabled plugins' apps and default settings to a settings module's namespace.

    Settings already in `namespace` win (a deployment sets them in its settings module or
    environment); a plugin's INSTALLED_APPS entries are appended once each.
    """
    installed = namespace.setdefault("INSTALLED_APPS", [])
    for module in plugin_apps(names):
        if module not in installed:
            installed.append(module)
        name = f"{module}.default_settings"
        if importlib.util.find_spec(name) is None:
            continue
        defaults = importlib.import_module(name)
        for key in dir(defaults):
            if not key.isupper():
                continue
            if key == "INSTALLED_APPS":
                installed.extend(app for app in getattr(defaults, key) if app not in installed)
            else:
                namespace.setdefault(key, getattr(defaults, key))


def unknown_plugins(names):
    """Names in PORTAL_PLUGINS that match no installed plugin (reported by a system check)."""
    available = available_plugins()
    return [name for name in names if name not in available]


# -- what the admin shows for plugins that are installed but not enabled -------------------
def _distribution_version(module):
    """Version of the installed distribution that provides `module`, if any."""
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.value == module and ep.dist is not None:
            return ep.dist.version
    return ""


def _static_string(path, name):
    """A module-level string constant read without importing the module (AST only)."""
    try:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return ""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return str(node.value.value)
    return ""


def _package_file(module, filename):
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / filename


def describe_available():
    """One dict per installed plugin, read without importing it (it may be disabled).

    Name, description and version come from module-level constants in the
    plugin package's __init__.py (PLUGIN_NAME, PLUGIN_DESCRIPTION, __version__);
    for pip-installed plugins the version falls back to the distribution's.
    """
    bundled = set(bundled_plugins())
    rows = []
    for label, module in sorted(available_plugins().items()):
        try:
            init = _package_file(module, "__init__.py")
        except (ImportError, ValueError):
            init = None

        def read(name, init=init):
            return _static_string(init, name) if init else ""

        rows.append({
            "label": label,
            "module": module,
            "name": read("PLUGIN_NAME") or label,
            "description": read("PLUGIN_DESCRIPTION"),
            "version": read("__version__") or _distribution_version(module),
            "source": "bundled" if label in bundled else "entry point",
            "enabled": False,
        })
    return rows
