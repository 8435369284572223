"""Tests that need a plugin say which; with that plugin switched off they are skipped, naming it.

The suite runs with any set of plugins (PORTAL_PLUGINS; `make test-plugins-off` runs it with
none). Two ways to say a test needs a plugin:

- `@pytest.mark.requires_plugin("meetings")` on a test, or `pytestmark = ...` for a module:
  skipped when the plugin is off (tests/conftest.py applies the marker). The plugin's code
  is then imported inside the test or fixture, never at module level.
- `skip_unless_plugin("meetings")` at the top of a module or a conftest.py that imports the
  plugin's code at module level (each tests/plugins/<name>/conftest.py): the whole module,
  or directory, is skipped.

A name no installed plugin has is an error, so a typo never skips a test for ever.
"""

import pytest

from portal.plugin_loader import available_plugins
from portal.plugins import registry


def missing_plugins(names):
    unknown = [name for name in names if name not in available_plugins()]
    if unknown:
        raise pytest.UsageError(f"requires_plugin names no installed plugin: {unknown}")
    return [name for name in names if not registry.is_enabled(name)]


def skip_reason(missing):
    return f"plugin switched off: {', '.join(missing)} (PORTAL_PLUGINS)"


def skip_unless_plugin(*names):
    missing = missing_plugins(names)
    if missing:
        pytest.skip(skip_reason(missing), allow_module_level=True)
